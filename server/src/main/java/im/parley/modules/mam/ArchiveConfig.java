package im.parley.modules.mam;

import im.parley.config.ConfigSection;
import java.time.Duration;

/**
 * The message archive, XEP-0313 ({@code archive:} section).
 *
 * @param defaultPreference what is archived for a user who has set no preferences (XEP-0441)
 * @param defaultPageSize results in a page when the query gives no RSM {@code max}
 * @param maxPageSize most results in a page, whatever the query asks (XEP-0313 §4.3.1)
 * @param retention how long archived messages are kept ({@code retention-days}); null: forever
 */
public record ArchiveConfig(Preferences.Default defaultPreference, int defaultPageSize, int maxPageSize,
        Duration retention) {
    private static final int MAX_RETENTION_DAYS = 36_500;

    public static ArchiveConfig read(ConfigSection s) {
        Preferences.Default preference = s.choice("default", Preferences.Default.ALWAYS);
        int max = s.integer("max-page-size", 250, 1, 10_000);
        int page = s.integer("default-page-size", Math.min(50, max), 1, 10_000);
        if (page > max) {
            throw s.error("default-page-size", "must not exceed max-page-size (" + max + ")");
        }
        Duration retention = s.parsed("retention-days", null, "a number of days (1-" + MAX_RETENTION_DAYS
                + ") or 'forever'", ArchiveConfig::retention);
        return new ArchiveConfig(preference, page, max, retention);
    }

    private static Duration retention(String days) {
        if (days.equals("forever")) {
            return null;
        }
        int count = Integer.parseInt(days);
        if (count < 1 || count > MAX_RETENTION_DAYS) {
            throw new IllegalArgumentException("out of range");
        }
        return Duration.ofDays(count);
    }
}
