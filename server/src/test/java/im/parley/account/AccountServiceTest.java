package im.parley.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.auth.CredentialFactory;
import im.parley.auth.ScramCredential;
import im.parley.auth.ScramHash;
import im.parley.config.StoreConfig;
import im.parley.store.Database;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountServiceTest {
    @TempDir
    Path dataDir;

    private Database database;
    private AccountService accounts;

    @BeforeEach
    void open() {
        database = Database.open(StoreConfig.EMBEDDED, dataDir);
        accounts = new AccountService(new JdbcAccountRepository(database.jdbc()), new CredentialFactory()::create);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void createStoresOneCredentialPerHashUnderTheNormalizedName() {
        assertThat(accounts.create("Juliet", "s3cret")).isEqualTo("juliet");

        assertThat(accounts.list()).containsExactly("juliet");
        assertThat(accounts.exists("JULIET")).isTrue();
        assertThat(accounts.credentials("juliet")).containsOnlyKeys(ScramHash.values());
        assertThat(accounts.credentials("juliet").values()).allMatch(c -> c.matches("s3cret"));
        assertThat(accounts.credential("JULIET", ScramHash.SHA_1)).get().matches(c -> c.matches("s3cret"));
    }

    @Test
    void normalizesWithUsernameCaseMapped() {
        // Full-width letters are width-mapped, upper case folded (RFC 8265 §3.3).
        assertThat(accounts.create("ＲＯＭＥＯ", "pw")).isEqualTo("romeo");
        assertThat(accounts.create("Ñandú", "pw")).isEqualTo("ñandú");
    }

    @Test
    void createOnATakenNameFailsDistinctly() {
        accounts.create("juliet", "first");

        assertThatThrownBy(() -> accounts.create("JULIET", "second"))
                .isInstanceOf(AccountExistsException.class)
                .hasMessageContaining("'juliet' already exists");
        assertThat(accounts.credentials("juliet").values()).allMatch(c -> c.matches("first"));
    }

    @Test
    void rejectsNamesThatCannotBeLocalparts() {
        for (String bad : List.of("", "romeo@verona", "a/b", "with space", "x".repeat(1024), "quote\"")) {
            assertThatThrownBy(() -> accounts.create(bad, "pw"))
                    .as(bad)
                    .isInstanceOf(InvalidUsernameException.class)
                    .hasMessageStartingWith("invalid username");
        }
        assertThat(accounts.list()).isEmpty();
    }

    @Test
    void lookupsOfInvalidNamesFindNothing() {
        assertThat(accounts.exists("romeo@verona")).isFalse();
        assertThat(accounts.credentials("romeo@verona")).isEmpty();
        assertThat(accounts.credential("romeo@verona", ScramHash.SHA_256)).isEmpty();
    }

    @Test
    void changePasswordReplacesEveryCredential() {
        accounts.create("juliet", "old");

        accounts.changePassword("Juliet", "new");

        assertThat(accounts.credentials("juliet")).containsOnlyKeys(ScramHash.values());
        for (ScramCredential credential : accounts.credentials("juliet").values()) {
            assertThat(credential.matches("new")).isTrue();
            assertThat(credential.matches("old")).isFalse();
        }
    }

    @Test
    void changePasswordOfAnUnknownAccountFails() {
        assertThatThrownBy(() -> accounts.changePassword("nobody", "pw"))
                .isInstanceOf(UnknownAccountException.class);
        assertThat(accounts.exists("nobody")).isFalse();
    }

    @Test
    void anUnusablePasswordCreatesNothing() {
        assertThatThrownBy(() -> accounts.create("juliet", "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(accounts.exists("juliet")).isFalse();
    }

    @Test
    void deleteRemovesTheAccountAndTellsEveryListener() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        accounts.addDeletionListener(first::add);
        accounts.addDeletionListener(second::add);
        accounts.create("juliet", "pw");
        accounts.create("romeo", "pw");

        accounts.delete("Juliet");

        assertThat(accounts.list()).containsExactly("romeo");
        assertThat(accounts.credentials("juliet")).isEmpty();
        assertThat(first).containsExactly("juliet");
        assertThat(second).containsExactly("juliet");
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        List<String> notified = new ArrayList<>();
        accounts.addDeletionListener(name -> {
            throw new IllegalStateException("roster store down");
        });
        accounts.addDeletionListener(notified::add);
        accounts.create("juliet", "pw");

        assertThatThrownBy(() -> accounts.delete("juliet")).hasMessage("roster store down");
        assertThat(notified).containsExactly("juliet");
        assertThat(accounts.exists("juliet")).isFalse();
    }

    @Test
    void deleteOfAnUnknownAccountFailsWithoutNotifying() {
        List<String> notified = new ArrayList<>();
        accounts.addDeletionListener(notified::add);

        assertThatThrownBy(() -> accounts.delete("nobody")).isInstanceOf(UnknownAccountException.class);
        assertThat(notified).isEmpty();
    }
}
