package im.parley.account;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.auth.ScramCredential;
import im.parley.auth.ScramHash;
import im.parley.store.StoreContractTest;
import im.parley.xmpp.Jid;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcAccountRepositoryTest extends StoreContractTest {
    private static final Jid JULIET = Jid.parse("juliet@localhost");
    private static final Jid ROMEO = Jid.parse("romeo@localhost");
    private static final Jid NOBODY = Jid.parse("nobody@localhost");
    private JdbcAccountRepository repository;

    @BeforeEach
    void open() {
        repository = new JdbcAccountRepository(database.jdbc());
    }

    @Test
    void credentialsRoundTripByteForByte() {
        ScramCredential sha1 = new ScramCredential(ScramHash.SHA_1, new byte[] {0, 1, (byte) 0xff}, 4096,
                bytes(20, 7), bytes(20, 9));
        ScramCredential sha256 = new ScramCredential(ScramHash.SHA_256, bytes(16, 3), 10_000,
                bytes(32, 5), bytes(32, 11));

        assertThat(repository.create(JULIET, credentials(sha1, sha256))).isTrue();

        Map<ScramHash, ScramCredential> stored = repository.credentials(JULIET);
        assertThat(stored).containsOnlyKeys(ScramHash.SHA_1, ScramHash.SHA_256);
        assertThat(stored.get(ScramHash.SHA_1)).usingRecursiveComparison().isEqualTo(sha1);
        assertThat(stored.get(ScramHash.SHA_256)).usingRecursiveComparison().isEqualTo(sha256);
    }

    @Test
    void credentialReadsTheOneForTheAskedHash() {
        ScramCredential sha256 = credential(ScramHash.SHA_256, 1);
        repository.create(JULIET, credentials(sha256));

        assertThat(repository.credential(JULIET, ScramHash.SHA_256)).get().usingRecursiveComparison()
                .isEqualTo(sha256);
        assertThat(repository.credential(JULIET, ScramHash.SHA_1)).isEmpty();
        assertThat(repository.credential(ROMEO, ScramHash.SHA_256)).isEmpty();
    }

    @Test
    void createRefusesATakenUsernameAndKeepsTheOriginal() {
        ScramCredential original = credential(ScramHash.SHA_256, 1);
        repository.create(JULIET, credentials(original));

        assertThat(repository.create(JULIET, credentials(credential(ScramHash.SHA_256, 2)))).isFalse();
        assertThat(repository.credentials(JULIET).get(ScramHash.SHA_256).storedKey())
                .isEqualTo(original.storedKey());
    }

    @Test
    void deleteRemovesTheAccountAndItsCredentials() {
        repository.create(JULIET, credentials(credential(ScramHash.SHA_1, 1)));

        assertThat(repository.delete(JULIET)).isTrue();
        assertThat(repository.exists(JULIET)).isFalse();
        assertThat(repository.credentials(JULIET)).isEmpty();
        assertThat(repository.delete(JULIET)).isFalse();
    }

    @Test
    void listsUsernamesInOrder() {
        Jid benvolio = Jid.parse("benvolio@localhost");
        for (Jid user : List.of(ROMEO, JULIET, benvolio, Jid.parse("tybalt@capulet.example"))) {
            repository.create(user, Map.of());
        }
        assertThat(repository.list("localhost")).containsExactly(benvolio, JULIET, ROMEO);
    }

    @Test
    void findsAndCountsTheUsernamesOfAHostThatContainAText() {
        for (String name : List.of("page00", "page01", "page02", "apage", "per%cent", "under_score", "other")) {
            repository.create(Jid.of(name, "localhost", null), Map.of());
        }
        repository.create(Jid.parse("page99@capulet.example"), Map.of());

        assertThat(repository.find("localhost", "page", 0, 10)).extracting(Jid::local)
                .containsExactly("apage", "page00", "page01", "page02");
        assertThat(repository.count("localhost", "PAGE")).isEqualTo(4);
        assertThat(repository.find("localhost", "Page", 1, 2)).extracting(Jid::local).containsExactly("page00", "page01");
        assertThat(repository.find("localhost", "page", 4, 10)).isEmpty();
        // The wildcards of LIKE are what they are, not wildcards.
        assertThat(repository.find("localhost", "%", 0, 10)).extracting(Jid::local).containsExactly("per%cent");
        assertThat(repository.find("localhost", "r_s", 0, 10)).extracting(Jid::local).containsExactly("under_score");
        assertThat(repository.count("localhost", "_")).isEqualTo(1);
        assertThat(repository.count("localhost", "")).isEqualTo(7);
        assertThat(repository.find("localhost", "", 0, 3)).hasSize(3);
    }

    @Test
    void replaceCredentialsSwapsTheWholeSet() {
        repository.create(JULIET, credentials(credential(ScramHash.SHA_1, 1), credential(ScramHash.SHA_256, 1)));

        assertThat(repository.replaceCredentials(JULIET, credentials(credential(ScramHash.SHA_256, 2)))).isTrue();

        Map<ScramHash, ScramCredential> stored = repository.credentials(JULIET);
        assertThat(stored).containsOnlyKeys(ScramHash.SHA_256);
        assertThat(stored.get(ScramHash.SHA_256).storedKey()).isEqualTo(bytes(32, 2));
    }

    @Test
    void theLongestLegalAddressFitsTheKeys() {
        Jid longest = Jid.of("l".repeat(1023), String.join(".", java.util.Collections.nCopies(16, "d".repeat(63))), null);
        assertThat(repository.create(longest, credentials(credential(ScramHash.SHA_256, 1)))).isTrue();
        assertThat(repository.credential(longest, ScramHash.SHA_256)).isPresent();
        assertThat(repository.list(longest.domain())).containsExactly(longest);
    }

    @Test
    void replaceCredentialsOfAnUnknownAccountChangesNothing() {
        assertThat(repository.replaceCredentials(NOBODY, credentials(credential(ScramHash.SHA_1, 1)))).isFalse();
        assertThat(repository.exists(NOBODY)).isFalse();
    }

    private static ScramCredential credential(ScramHash hash, int seed) {
        return new ScramCredential(hash, bytes(16, seed), 4096, bytes(hash.length(), seed),
                bytes(hash.length(), seed + 100));
    }

    private static Map<ScramHash, ScramCredential> credentials(ScramCredential... credentials) {
        Map<ScramHash, ScramCredential> byHash = new EnumMap<>(ScramHash.class);
        for (ScramCredential c : credentials) {
            byHash.put(c.hash(), c);
        }
        return byHash;
    }

    private static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }
}
