package im.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScramCredentialTest {
    private static final byte[] RFC5802_SALT = Base64.getDecoder().decode("QSXCR+Q6sek8bf92");

    @Test
    void hiIsPbkdf2() {
        // RFC 6070 test vector 2: PBKDF2-HMAC-SHA1("password", "salt", 2, 20).
        byte[] derived = ScramHash.SHA_1.saltedPassword("password", "salt".getBytes(), 2);

        assertThat(HexFormat.of().formatHex(derived)).isEqualTo("ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957");
    }

    @Test
    void derivationFollowsRfc5802() {
        ScramCredential credential = ScramCredential.derive(ScramHash.SHA_1, "pencil", RFC5802_SALT, 4096);
        byte[] saltedPassword = ScramHash.SHA_1.saltedPassword("pencil", RFC5802_SALT, 4096);

        assertThat(credential.storedKey())
                .isEqualTo(ScramHash.SHA_1.digest(ScramHash.SHA_1.hmac(saltedPassword, "Client Key".getBytes())));
        assertThat(credential.serverKey()).isEqualTo(ScramHash.SHA_1.hmac(saltedPassword, "Server Key".getBytes()));
        assertThat(credential.salt()).isEqualTo(RFC5802_SALT);
        assertThat(credential.iterations()).isEqualTo(4096);
    }

    @Test
    void matchesOnlyItsPassword() {
        ScramCredential credential = ScramCredential.derive(ScramHash.SHA_256, "pencil", RFC5802_SALT, 4096);

        assertThat(credential.matches("pencil")).isTrue();
        assertThat(credential.matches("Pencil")).isFalse();
        assertThat(credential.matches("")).isFalse();
    }

    @Test
    void passwordIsNormalized() {
        ScramCredential credential = ScramCredential.derive(ScramHash.SHA_256, "two\u2003words", RFC5802_SALT, 4096);

        assertThat(credential.matches("two words")).isTrue();
    }

    @Test
    void invalidPasswordCannotBeStored() {
        assertThatThrownBy(() -> ScramCredential.derive(ScramHash.SHA_1, "", RFC5802_SALT, 4096))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScramCredential.derive(ScramHash.SHA_1, "bell\u0007", RFC5802_SALT, 4096))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isImmutable() {
        byte[] salt = RFC5802_SALT.clone();
        ScramCredential credential = ScramCredential.derive(ScramHash.SHA_1, "pencil", salt, 4096);
        salt[0]++;
        credential.storedKey()[0]++;

        assertThat(credential).isEqualTo(ScramCredential.derive(ScramHash.SHA_1, "pencil", RFC5802_SALT, 4096));
        assertThat(credential.matches("pencil")).isTrue();
    }

    @Test
    void toStringLeavesKeysOut() {
        ScramCredential credential = ScramCredential.derive(ScramHash.SHA_1, "pencil", RFC5802_SALT, 4096);

        assertThat(credential.toString()).isEqualTo("ScramCredential[SHA_1, iterations=4096]");
    }

    @Test
    void factoryDerivesEveryHashWithItsOwnRandomSalt() {
        Map<ScramHash, ScramCredential> credentials = new CredentialFactory(5000, new SecureRandom()).create("pencil");

        assertThat(credentials).containsOnlyKeys(ScramHash.SHA_1, ScramHash.SHA_256);
        credentials.values().forEach(c -> {
            assertThat(c.iterations()).isEqualTo(5000);
            assertThat(c.salt()).hasSize(16);
            assertThat(c.matches("pencil")).isTrue();
        });
        assertThat(credentials.get(ScramHash.SHA_1).salt()).isNotEqualTo(credentials.get(ScramHash.SHA_256).salt());
    }

    @Test
    void factoryRefusesTooFewIterations() {
        assertThatThrownBy(() -> new CredentialFactory(1000, new SecureRandom())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mechanismNames() {
        assertThat(ScramHash.SHA_1.mechanismName()).isEqualTo("SCRAM-SHA-1");
        assertThat(ScramHash.SHA_256.plusMechanismName()).isEqualTo("SCRAM-SHA-256-PLUS");
    }
}
