package im.parley.modules.blocking;

import java.util.List;

/** Where XEP-0377 reports are kept for the administrators. */
public interface AbuseReportRepository {
    void add(AbuseReport report);

    /** The most recent reports by a user of {@code host} or about an address at it, newest first. */
    List<AbuseReport> latest(String host, int limit);
}
