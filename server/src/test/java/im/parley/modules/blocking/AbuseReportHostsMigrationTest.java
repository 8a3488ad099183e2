package im.parley.modules.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.store.Database;
import im.parley.store.StoreContractTest;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Reports stored before they named their hosts (db/blocking V1) get them from their JIDs when V2
 * runs, on every database, so that an administrator still lists them for the right host.
 */
class AbuseReportHostsMigrationTest extends StoreContractTest {
    private void insertV1(String id, String reporter, String reported, Instant time) {
        database.jdbc().update("INSERT INTO abuse_report (id, reporter, reported, reason, reported_at)"
                + " VALUES (?, ?, ?, ?, ?)", id, reporter, reported, "urn:xmpp:reporting:spam", time);
    }

    @Test
    void reportsOfTheFirstSchemaAreListedForTheHostsOfTheirJids() {
        Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/blocking")
                .table(Database.historyTable("blocking")).baselineOnMigrate(true).baselineVersion("0").target("1")
                .load().migrate();
        Instant time = Instant.parse("2025-01-01T10:00:00Z");
        insertV1("1", "juliet@capulet.com", "iago@venice.example/den@night", time);
        insertV1("2", "romeo@montague.net", "spam.example", time.plusSeconds(1));
        insertV1("3", "romeo@montague.net", "relay.example/a@b.example", time.plusSeconds(2));

        database.migrate("blocking", "classpath:db/blocking");

        JdbcAbuseReportRepository reports = new JdbcAbuseReportRepository(database.jdbc());
        assertThat(reports.latest("capulet.com", 10)).extracting(r -> r.reported().toString())
                .containsExactly("iago@venice.example/den@night");
        assertThat(reports.latest("venice.example", 10)).hasSize(1);
        assertThat(reports.latest("montague.net", 10)).extracting(r -> r.reported().toString())
                .containsExactly("relay.example/a@b.example", "spam.example");
        assertThat(reports.latest("spam.example", 10)).hasSize(1);
        assertThat(reports.latest("relay.example", 10)).hasSize(1);
        assertThat(reports.latest("b.example", 10)).isEmpty();
    }
}
