package im.parley.modules.blocking;

import im.parley.module.Hosts;
import im.parley.modules.adhoc.AdHocCommand;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.DataForm.Field;
import im.parley.xmpp.Jid;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An administrators' ad-hoc command (XEP-0050) listing the latest XEP-0377 reports as a table.
 * XEP-0133 defines no such command, hence a node of Parley's own. Like XEP-0133's commands it
 * acts on the host of the administrator's own JID: the reports by that host's users or about
 * addresses at it, and only where blocking is on.
 */
final class ListAbuseReportsCommand implements AdHocCommand {
    static final String NODE = "urn:parley:admin:list-abuse-reports";
    static final int MAX_REPORTS = 100;

    private final AbuseReportRepository reports;
    private final Set<String> admins;
    private final Hosts hosts;

    /** {@code hosts}: those blocking is on for, whose admins may list their host's reports. */
    ListAbuseReportsCommand(AbuseReportRepository reports, Set<String> admins, Hosts hosts) {
        this.reports = reports;
        this.admins = admins;
        this.hosts = hosts;
    }

    @Override
    public String node() {
        return NODE;
    }

    @Override
    public String name() {
        return "List abuse reports";
    }

    @Override
    public boolean allowed(Jid requester) {
        return admins.contains(requester.bare().toString()) && hosts.contains(requester.domain());
    }

    /** A single stage: nothing to ask, the table is the result. */
    @Override
    public Step execute(Jid requester, DataForm submitted, int stage) {
        List<AbuseReport> latest = reports.latest(requester.domain(), MAX_REPORTS);
        List<Field> columns = List.of(
                Field.of("time", null, "Time"),
                Field.of("reporter", null, "Reporter"),
                Field.of("reported", null, "Reported"),
                Field.of("reason", null, "Reason"),
                Field.of("text", null, "Text"),
                Field.of("stanza-ids", null, "Reported messages"));
        List<List<Field>> rows = latest.stream().map(ListAbuseReportsCommand::row).toList();
        return new Step.Completed(DataForm.table("Abuse reports", columns, rows),
                latest.size() + " most recent report(s)");
    }

    private static List<Field> row(AbuseReport report) {
        return List.of(
                Field.of("time", null, null, report.time().toString()),
                Field.of("reporter", null, null, report.reporter().toString()),
                Field.of("reported", null, null, report.reported().toString()),
                Field.of("reason", null, null, report.reason()),
                Field.of("text", null, null, report.text() == null ? "" : report.text()),
                Field.of("stanza-ids", null, null, report.stanzaIds().stream()
                        .map(id -> id.id() + " by " + id.by()).collect(Collectors.joining(", "))));
    }
}
