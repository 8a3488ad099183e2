package im.parley.modules.blocking;

import im.parley.store.Jdbc;
import im.parley.xmpp.Jid;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reports in the {@code abuse_report} and {@code abuse_report_stanza} tables (db/blocking). */
public final class JdbcAbuseReportRepository implements AbuseReportRepository {
    private final Jdbc jdbc;

    public JdbcAbuseReportRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(AbuseReport report) {
        // The id is made here rather than by the database so that the SQL stays portable.
        String id = UUID.randomUUID().toString();
        jdbc.inTransaction(tx -> {
            tx.update("INSERT INTO abuse_report (id, reporter, reporter_host, reported, reported_host, reason,"
                    + " report_text, reported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, report.reporter().toString(),
                    report.reporter().domain(), report.reported().toString(), report.reported().domain(),
                    report.reason(), report.text(), report.time());
            List<AbuseReport.StanzaId> ids = report.stanzaIds();
            for (int i = 0; i < ids.size(); i++) {
                tx.update("INSERT INTO abuse_report_stanza (report_id, position, stanza_id, by_jid) VALUES (?, ?, ?, ?)",
                        id, i, ids.get(i).id(), ids.get(i).by());
            }
            return null;
        });
    }

    @Override
    public List<AbuseReport> latest(String host, int limit) {
        record Row(String id, AbuseReport report) {
        }
        List<Row> rows = jdbc.query("SELECT id, reporter, reported, reason, report_text, reported_at"
                + " FROM abuse_report WHERE reporter_host = ? OR reported_host = ?"
                + " ORDER BY reported_at DESC, id FETCH FIRST ? ROWS ONLY",
                row -> new Row(row.getString(1), report(row, List.of())), host, host, limit);
        List<AbuseReport> reports = new ArrayList<>(rows.size());
        for (Row row : rows) {
            List<AbuseReport.StanzaId> ids = jdbc.query(
                    "SELECT stanza_id, by_jid FROM abuse_report_stanza WHERE report_id = ? ORDER BY position",
                    r -> new AbuseReport.StanzaId(r.getString(1), r.getString(2)), row.id());
            AbuseReport r = row.report();
            reports.add(new AbuseReport(r.reporter(), r.reported(), r.reason(), r.text(), ids, r.time()));
        }
        return reports;
    }

    private static AbuseReport report(ResultSet row, List<AbuseReport.StanzaId> ids) throws SQLException {
        return new AbuseReport(Jid.parse(row.getString(2)), Jid.parse(row.getString(3)), row.getString(4),
                row.getString(5), ids, Jdbc.instant(row, 6));
    }
}
