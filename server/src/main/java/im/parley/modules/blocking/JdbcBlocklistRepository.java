package im.parley.modules.blocking;

import im.parley.store.Jdbc;
import im.parley.store.KeyHash;
import im.parley.xmpp.Jid;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Blocklists in the {@code blocked_jid} table (db/blocking), each address keyed by its
 * {@link KeyHash}; rows go with the account by foreign key.
 */
public final class JdbcBlocklistRepository implements BlocklistRepository {
    private static final String ITEM = "host = ? AND username = ? AND jid_hash = ?";

    private final Jdbc jdbc;

    public JdbcBlocklistRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<Jid> load(Jid user) {
        return new LinkedHashSet<>(jdbc.query("SELECT jid FROM blocked_jid WHERE host = ? AND username = ? ORDER BY jid",
                row -> Jid.parse(row.getString(1)), user.domain(), user.local()));
    }

    @Override
    public void add(Jid user, Collection<Jid> jids) {
        // One transaction: a block of several items is all or nothing.
        jdbc.inTransaction(tx -> {
            for (Jid jid : jids) {
                String hash = KeyHash.of(jid.toString());
                if (!tx.exists("SELECT 1 FROM blocked_jid WHERE " + ITEM, user.domain(), user.local(), hash)) {
                    tx.update("INSERT INTO blocked_jid (host, username, jid_hash, jid) VALUES (?, ?, ?, ?)",
                            user.domain(), user.local(), hash, jid.toString());
                }
            }
            return null;
        });
    }

    @Override
    public void remove(Jid user, Collection<Jid> jids) {
        jdbc.inTransaction(tx -> {
            for (Jid jid : jids) {
                tx.update("DELETE FROM blocked_jid WHERE " + ITEM, user.domain(), user.local(), KeyHash.of(jid.toString()));
            }
            return null;
        });
    }

    @Override
    public void removeAll(Jid user) {
        jdbc.update("DELETE FROM blocked_jid WHERE host = ? AND username = ?", user.domain(), user.local());
    }
}
