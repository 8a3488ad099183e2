package im.parley.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.auth.CredentialFactory;
import im.parley.auth.CredentialStore;
import im.parley.auth.ScramCredential;
import im.parley.auth.ScramHash;
import im.parley.store.StoreContractTest;
import im.parley.xmpp.Jid;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountServiceTest extends StoreContractTest {
    private static final String HOST = "localhost";
    private static final Jid JULIET = Jid.parse("juliet@localhost");
    private static final Jid ROMEO = Jid.parse("romeo@localhost");

    private AccountService accounts;
    private CredentialStore credentials;

    @BeforeEach
    void open() {
        accounts = new AccountService(new JdbcAccountRepository(database.jdbc()), new CredentialFactory()::create);
        credentials = accounts.credentialStore(HOST);
    }

    @Test
    void createStoresOneCredentialPerHashUnderTheNormalizedName() {
        Jid created = AccountService.user("Juliet", HOST);
        accounts.create(created, "s3cret");

        assertThat(created).isEqualTo(JULIET);
        assertThat(accounts.list(HOST)).containsExactly(JULIET);
        assertThat(accounts.exists(Jid.parse("JULIET@localhost/balcony"))).isTrue();
        assertThat(credentials.credentials("juliet")).containsOnlyKeys(ScramHash.values());
        assertThat(credentials.credentials("juliet").values()).allMatch(c -> c.matches("s3cret"));
        assertThat(credentials.credential("JULIET", ScramHash.SHA_1)).get().matches(c -> c.matches("s3cret"));
    }

    @Test
    void normalizesWithUsernameCaseMapped() {
        // Full-width letters are width-mapped, upper case folded (RFC 8265 §3.3).
        assertThat(AccountService.user("ＲＯＭＥＯ", HOST).local()).isEqualTo("romeo");
        assertThat(AccountService.user("Ñandú", HOST).local()).isEqualTo("ñandú");
    }

    @Test
    void createOnATakenNameFailsDistinctly() {
        accounts.create(JULIET, "first");

        assertThatThrownBy(() -> accounts.create(AccountService.user("JULIET", HOST), "second"))
                .isInstanceOf(AccountExistsException.class)
                .hasMessageContaining("'juliet@localhost' already exists");
        assertThat(credentials.credentials("juliet").values()).allMatch(c -> c.matches("first"));
    }

    @Test
    void eachHostHasItsOwnAccounts() {
        Jid otherJuliet = Jid.parse("juliet@capulet.example");
        accounts.create(JULIET, "here");
        accounts.create(otherJuliet, "there");

        assertThat(accounts.list(HOST)).containsExactly(JULIET);
        assertThat(accounts.list("capulet.example")).containsExactly(otherJuliet);
        assertThat(credentials.credentials("juliet").values()).allMatch(c -> c.matches("here"));
        assertThat(accounts.credentialStore("capulet.example").credentials("juliet").values())
                .allMatch(c -> c.matches("there"));
        accounts.delete(otherJuliet);
        assertThat(accounts.exists(JULIET)).isTrue();
    }

    @Test
    void rejectsNamesThatCannotBeLocalparts() {
        for (String bad : List.of("", "romeo@verona", "a/b", "with space", "x".repeat(1024), "quote\"")) {
            assertThatThrownBy(() -> AccountService.user(bad, HOST))
                    .as(bad)
                    .isInstanceOf(InvalidUsernameException.class)
                    .hasMessageStartingWith("invalid username");
        }
        assertThatThrownBy(() -> accounts.create(Jid.domain(HOST), "pw")).isInstanceOf(InvalidUsernameException.class);
        assertThat(accounts.list(HOST)).isEmpty();
    }

    @Test
    void lookupsOfInvalidNamesFindNothing() {
        assertThat(accounts.exists(Jid.domain(HOST))).isFalse();
        assertThat(credentials.credentials("romeo@verona")).isEmpty();
        assertThat(credentials.credential("romeo@verona", ScramHash.SHA_256)).isEmpty();
    }

    @Test
    void changePasswordReplacesEveryCredential() {
        accounts.create(JULIET, "old");

        accounts.changePassword(JULIET, "new");

        assertThat(credentials.credentials("juliet")).containsOnlyKeys(ScramHash.values());
        for (ScramCredential credential : credentials.credentials("juliet").values()) {
            assertThat(credential.matches("new")).isTrue();
            assertThat(credential.matches("old")).isFalse();
        }
    }

    @Test
    void changePasswordOfAnUnknownAccountFails() {
        Jid nobody = Jid.parse("nobody@localhost");
        assertThatThrownBy(() -> accounts.changePassword(nobody, "pw")).isInstanceOf(UnknownAccountException.class);
        assertThat(accounts.exists(nobody)).isFalse();
    }

    @Test
    void anUnusablePasswordCreatesNothing() {
        assertThatThrownBy(() -> accounts.create(JULIET, "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(accounts.exists(JULIET)).isFalse();
    }

    @Test
    void deleteRemovesTheAccountAndTellsEveryListener() {
        List<Jid> first = new ArrayList<>();
        List<Jid> second = new ArrayList<>();
        accounts.addDeletionListener(first::add);
        accounts.addDeletionListener(second::add);
        accounts.create(JULIET, "pw");
        accounts.create(ROMEO, "pw");

        accounts.delete(Jid.parse("juliet@localhost/balcony"));

        assertThat(accounts.list(HOST)).containsExactly(ROMEO);
        assertThat(credentials.credentials("juliet")).isEmpty();
        assertThat(first).containsExactly(JULIET);
        assertThat(second).containsExactly(JULIET);
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        List<Jid> notified = new ArrayList<>();
        accounts.addDeletionListener(user -> {
            throw new IllegalStateException("roster store down");
        });
        accounts.addDeletionListener(notified::add);
        accounts.create(JULIET, "pw");

        assertThatThrownBy(() -> accounts.delete(JULIET)).hasMessage("roster store down");
        assertThat(notified).containsExactly(JULIET);
        assertThat(accounts.exists(JULIET)).isFalse();
    }

    @Test
    void deleteOfAnUnknownAccountFailsWithoutNotifying() {
        List<Jid> notified = new ArrayList<>();
        accounts.addDeletionListener(notified::add);

        assertThatThrownBy(() -> accounts.delete(Jid.parse("nobody@localhost")))
                .isInstanceOf(UnknownAccountException.class);
        assertThat(notified).isEmpty();
    }

    @Test
    void aPasswordChangeTellsItsListenersWithTheAccountsBareJid() {
        List<Jid> notified = new ArrayList<>();
        accounts.addPasswordChangeListener(notified::add);
        accounts.create(JULIET, "pw");

        accounts.changePassword(Jid.parse("juliet@localhost/balcony"), "new pw");
        assertThatThrownBy(() -> accounts.changePassword(Jid.parse("nobody@localhost"), "pw"))
                .isInstanceOf(UnknownAccountException.class);

        assertThat(notified).containsExactly(JULIET);
    }
}
