package im.parley.modules.lastactivity;

import im.parley.store.Jdbc;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code last_logout} table (V5__profiles.sql): one row per user who has ever logged out. */
public final class LastLogoutStore {
    /** Longest status the column holds; a longer one is cut there. */
    private static final int MAX_STATUS = 1023;

    private final Jdbc jdbc;

    public LastLogoutStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<LastLogout> find(String username) {
        return jdbc.query("SELECT logout_at, status FROM last_logout WHERE username = ?",
                row -> new LastLogout(Instant.ofEpochMilli(row.getLong(1)), row.getString(2)), username)
                .stream().findFirst();
    }

    /**
     * Replaces the last logout of every user in the map, in one transaction; stores nothing for
     * an account that no longer exists.
     */
    public void saveAll(Map<String, LastLogout> byUser) {
        List<Object[]> rows = byUser.entrySet().stream()
                .map(e -> new Object[] {e.getValue().at().toEpochMilli(), cut(e.getValue().status()), e.getKey()})
                .toList();
        jdbc.inTransaction(tx -> {
            // Selecting from account inserts nothing for an account deleted while its session ran.
            tx.upsert("UPDATE last_logout SET logout_at = ?, status = ? WHERE username = ?", rows,
                    "INSERT INTO last_logout (username, logout_at, status)"
                            + " SELECT username, ?, ? FROM account WHERE username = ?", rows);
            return null;
        });
    }

    private static String cut(String status) {
        return status != null && status.length() > MAX_STATUS ? status.substring(0, MAX_STATUS) : status;
    }
}
