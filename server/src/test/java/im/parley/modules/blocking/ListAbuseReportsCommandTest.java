package im.parley.modules.blocking;

import im.parley.module.Hosts;
import static org.assertj.core.api.Assertions.assertThat;

import im.parley.modules.adhoc.AdHocCommand.Step;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListAbuseReportsCommandTest {
    private final List<AbuseReport> stored = new ArrayList<>();
    private final AbuseReportRepository repository = new AbuseReportRepository() {
        @Override
        public void add(AbuseReport report) {
            stored.add(report);
        }

        @Override
        public List<AbuseReport> latest(String host, int limit) {
            asked.add(host);
            return stored.stream().limit(limit).toList();
        }
    };
    private final List<String> asked = new ArrayList<>();
    private final ListAbuseReportsCommand command = new ListAbuseReportsCommand(repository,
            Set.of("admin@localhost", "admin@other.example"), Hosts.of("localhost"));

    @Test
    void onlyConfiguredAdministratorsMayRunIt() {
        assertThat(command.allowed(Jid.parse("admin@localhost/console"))).isTrue();
        assertThat(command.allowed(Jid.parse("alice@localhost/phone"))).isFalse();
    }

    @Test
    void anAdministratorOfAHostWhereBlockingIsOffMayNot() {
        assertThat(command.allowed(Jid.parse("admin@other.example/console"))).isFalse();
    }

    @Test
    void theReportsListedAreThoseOfTheAdministratorsOwnHost() {
        command.execute(Jid.parse("admin@localhost/console"), null, 0);

        assertThat(asked).containsExactly("localhost");
    }

    @Test
    void listsEachReportAsARow() {
        repository.add(new AbuseReport(Jid.parse("alice@localhost"), Jid.parse("spammer@localhost"),
                "urn:xmpp:reporting:spam", "buy now", List.of(new AbuseReport.StanzaId("s1", "alice@localhost")),
                Instant.parse("2025-01-02T10:00:00Z")));

        Step step = command.execute(Jid.parse("admin@localhost/console"), null, 0);

        DataForm table = ((Step.Completed) step).result();
        assertThat(table.reported()).extracting(DataForm.Field::var)
                .containsExactly("time", "reporter", "reported", "reason", "text", "stanza-ids");
        assertThat(table.items()).hasSize(1);
        assertThat(table.items().get(0)).extracting(DataForm.Field::value).containsExactly(
                "2025-01-02T10:00:00Z", "alice@localhost", "spammer@localhost", "urn:xmpp:reporting:spam",
                "buy now", "s1 by alice@localhost");
    }
}
