package im.parley.modules.lastactivity;

import im.parley.store.Jdbc;
import java.time.Instant;
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

    /** Replaces the user's last logout; stores nothing if the account no longer exists. */
    public void save(String username, LastLogout logout) {
        String status = logout.status();
        if (status != null && status.length() > MAX_STATUS) {
            status = status.substring(0, MAX_STATUS);
        }
        String cut = status;
        jdbc.inTransaction(tx -> {
            tx.update("DELETE FROM last_logout WHERE username = ?", username);
            // Selecting from account inserts nothing for an account deleted while its session ran.
            return tx.update("INSERT INTO last_logout (username, logout_at, status)"
                    + " SELECT username, ?, ? FROM account WHERE username = ?",
                    logout.at().toEpochMilli(), cut, username);
        });
    }
}
