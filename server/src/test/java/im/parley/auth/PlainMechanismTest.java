package im.parley.auth;

import static im.parley.auth.ScramMechanismTest.assertFailure;
import static im.parley.auth.TestAccounts.TLS_WITHOUT_BINDING;
import static im.parley.auth.TestAccounts.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainMechanismTest {
    private final SaslMechanisms mechanisms = new TestAccounts().add("juliet", "r0meo!").mechanisms();

    private Step plain(String message) {
        return mechanisms.create("PLAIN", TLS_WITHOUT_BINDING).evaluate(utf8(message));
    }

    @Test
    void rightPasswordSucceeds() {
        Step step = plain("\0juliet\0r0meo!");

        assertThat(step).isInstanceOfSatisfying(Step.Success.class, s -> {
            assertThat(s.username()).isEqualTo("juliet");
            assertThat(s.additionalData()).isEmpty();
        });
    }

    @Test
    void wrongPasswordFails() {
        assertFailure(plain("\0juliet\0romeo"), SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void unknownUserFails() {
        assertFailure(plain("\0nobody\0r0meo!"), SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void usernameIsNormalized() {
        assertThat(plain("\0Juliet\0r0meo!")).isInstanceOf(Step.Success.class);
    }

    @Test
    void ownBareJidAsAuthzidIsAccepted() {
        assertThat(plain("juliet@example.org\0juliet\0r0meo!")).isInstanceOf(Step.Success.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"romeo@example.org", "juliet@example.net", "juliet@example.org/balcony", "not a jid@"})
    void otherAuthzidIsRefused(String authzid) {
        assertFailure(plain(authzid + "\0juliet\0r0meo!"), SaslFailure.INVALID_AUTHZID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"juliet\0r0meo!", "\0\0r0meo!", "\0juliet\0", "\0juliet\0r0meo!\0", "a\0b\0c\0d"})
    void malformedMessageIsRejected(String message) {
        assertFailure(plain(message), SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void worksWithOnlyASha1Credential() {
        SaslMechanisms sha1Only = new TestAccounts()
                .add("romeo", new CredentialFactory().create(ScramHash.SHA_1, "j00liet")).mechanisms();

        assertThat(sha1Only.create("PLAIN", TLS_WITHOUT_BINDING).evaluate(utf8("\0romeo\0j00liet")))
                .isInstanceOf(Step.Success.class);
    }

    @Test
    void emptyInitialResponseIsAnsweredWithAnEmptyChallenge() {
        SaslServerMechanism plain = mechanisms.create("PLAIN", TLS_WITHOUT_BINDING);

        assertThat(((Step.Challenge) plain.evaluate(new byte[0])).data()).isEmpty();
        assertThat(plain.evaluate(utf8("\0juliet\0r0meo!"))).isInstanceOf(Step.Success.class);
    }
}
