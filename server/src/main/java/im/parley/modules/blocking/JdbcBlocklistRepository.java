package im.parley.modules.blocking;

import im.parley.store.Jdbc;
import im.parley.xmpp.Jid;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** Blocklists in the {@code blocked_jid} table (V4); rows go with the account by foreign key. */
public final class JdbcBlocklistRepository implements BlocklistRepository {
    private final Jdbc jdbc;

    public JdbcBlocklistRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<Jid> load(String username) {
        return new LinkedHashSet<>(jdbc.query("SELECT jid FROM blocked_jid WHERE username = ? ORDER BY jid",
                row -> Jid.parse(row.getString(1)), username));
    }

    @Override
    public void add(String username, Collection<Jid> jids) {
        // One transaction: a block of several items is all or nothing.
        jdbc.inTransaction(tx -> {
            for (Jid jid : jids) {
                if (!tx.exists("SELECT 1 FROM blocked_jid WHERE username = ? AND jid = ?", username, jid.toString())) {
                    tx.update("INSERT INTO blocked_jid (username, jid) VALUES (?, ?)", username, jid.toString());
                }
            }
            return null;
        });
    }

    @Override
    public void remove(String username, Collection<Jid> jids) {
        jdbc.inTransaction(tx -> {
            for (Jid jid : jids) {
                tx.update("DELETE FROM blocked_jid WHERE username = ? AND jid = ?", username, jid.toString());
            }
            return null;
        });
    }

    @Override
    public void removeAll(String username) {
        jdbc.update("DELETE FROM blocked_jid WHERE username = ?", username);
    }
}
