package im.parley.modules.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.ParleyServer;
import im.parley.account.AccountService;
import im.parley.store.StoreContractTest;
import im.parley.xmpp.Jid;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Blocklists and abuse reports on every database. */
class JdbcBlockingRepositoriesTest extends StoreContractTest {
    private static final Jid JULIET = Jid.parse("juliet@capulet.com");
    private static final Jid ROMEO = Jid.parse("romeo@montague.net");
    private static final Jid IAGO = Jid.parse("iago@shakespeare.lit/den");

    private AccountService accounts;

    @BeforeEach
    void open() {
        database.migrate("blocking", "classpath:db/blocking");
        accounts = ParleyServer.openAccounts(database);
        accounts.create(JULIET, "secret");
    }

    @Test
    void blocklistIsReadBackByAFreshCache() {
        new Blocklists(new JdbcBlocklistRepository(database.jdbc())).block(JULIET, List.of(ROMEO, IAGO));

        Blocklist reloaded = new Blocklists(new JdbcBlocklistRepository(database.jdbc())).of(JULIET);

        assertThat(reloaded.items()).containsExactlyInAnyOrder(ROMEO, IAGO);
    }

    @Test
    void blockingTwiceAddsOnceAndUnblockRemovesOnlyTheItemsNamed() {
        JdbcBlocklistRepository repository = new JdbcBlocklistRepository(database.jdbc());
        Blocklists blocklists = new Blocklists(repository);

        assertThat(blocklists.block(JULIET, List.of(ROMEO))).containsExactly(ROMEO);
        assertThat(blocklists.block(JULIET, List.of(ROMEO, IAGO))).containsExactly(IAGO);
        blocklists.unblock(JULIET, List.of(ROMEO));

        assertThat(repository.load(JULIET)).containsExactly(IAGO);
        assertThat(blocklists.of(JULIET).items()).containsExactly(IAGO);
        blocklists.unblockAll(JULIET);
        assertThat(repository.load(JULIET)).isEmpty();
        assertThat(blocklists.of(JULIET).blocks(IAGO)).isFalse();
    }

    @Test
    void deletingTheAccountDeletesItsBlocklist() {
        JdbcBlocklistRepository repository = new JdbcBlocklistRepository(database.jdbc());
        repository.add(JULIET, List.of(ROMEO));

        accounts.delete(JULIET);

        assertThat(repository.load(JULIET)).isEmpty();
    }

    @Test
    void reportsComeBackNewestFirstWithTheirStanzaIds() {
        JdbcAbuseReportRepository reports = new JdbcAbuseReportRepository(database.jdbc());
        Jid juliet = Jid.parse("juliet@capulet.com");
        reports.add(new AbuseReport(juliet, IAGO, "urn:xmpp:reporting:abuse", null, List.of(),
                Instant.parse("2025-01-01T10:00:00Z")));
        reports.add(new AbuseReport(juliet, ROMEO, "urn:xmpp:reporting:spam", "Never came trouble",
                List.of(new AbuseReport.StanzaId("28482", "romeo@montague.net"),
                        new AbuseReport.StanzaId("38383", "romeo@montague.net")),
                Instant.parse("2025-01-02T10:00:00Z")));

        List<AbuseReport> latest = reports.latest("capulet.com", 10);

        assertThat(latest).extracting(AbuseReport::reported).containsExactly(ROMEO, IAGO);
        AbuseReport spam = latest.get(0);
        assertThat(spam.reporter()).isEqualTo(juliet);
        assertThat(spam.reason()).isEqualTo("urn:xmpp:reporting:spam");
        assertThat(spam.text()).isEqualTo("Never came trouble");
        assertThat(spam.time()).isEqualTo(Instant.parse("2025-01-02T10:00:00Z"));
        assertThat(spam.stanzaIds()).extracting(AbuseReport.StanzaId::id).containsExactly("28482", "38383");
        assertThat(latest.get(1).text()).isNull();
        assertThat(reports.latest("capulet.com", 1)).hasSize(1);
    }

    /** An administrator lists the reports by the users of their host and about addresses at it, no others. */
    @Test
    void reportsAreListedForTheReportersHostAndTheReportedDomain() {
        JdbcAbuseReportRepository reports = new JdbcAbuseReportRepository(database.jdbc());
        Instant time = Instant.parse("2025-01-01T10:00:00Z");
        reports.add(new AbuseReport(Jid.parse("juliet@capulet.com"), Jid.parse("iago@venice.example/spam"),
                "urn:xmpp:reporting:spam", null, List.of(), time));
        reports.add(new AbuseReport(Jid.parse("romeo@montague.net"), Jid.parse("tybalt@capulet.com"),
                "urn:xmpp:reporting:abuse", null, List.of(), time.plusSeconds(1)));
        reports.add(new AbuseReport(Jid.parse("romeo@montague.net"), Jid.parse("spam.example"),
                "urn:xmpp:reporting:spam", null, List.of(), time.plusSeconds(2)));

        assertThat(reports.latest("capulet.com", 10)).extracting(r -> r.reported().toString())
                .containsExactly("tybalt@capulet.com", "iago@venice.example/spam");
        assertThat(reports.latest("montague.net", 10)).extracting(r -> r.reported().toString())
                .containsExactly("spam.example", "tybalt@capulet.com");
        assertThat(reports.latest("venice.example", 10)).extracting(r -> r.reporter().toString())
                .containsExactly("juliet@capulet.com");
        assertThat(reports.latest("other.example", 10)).isEmpty();
    }
}
