package im.parley.modules.offline;

import java.util.function.ToIntFunction;
import im.parley.store.Jdbc;
import im.parley.xmpp.Jid;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link OfflineStore} in the {@code offline_message} table (db/offline). */
public final class JdbcOfflineStore implements OfflineStore {
    private final Jdbc jdbc;

    public JdbcOfflineStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Boolean> append(List<OfflineMessage> messages, ToIntFunction<Jid> maxPerUser) {
        return jdbc.inDurableTransaction(tx -> {
            // Counted inside the transaction that inserts, so a batch cannot overshoot the quota.
            Map<Jid, Integer> stored = new HashMap<>();
            List<Boolean> accepted = new ArrayList<>(messages.size());
            List<OfflineMessage> rows = new ArrayList<>(messages.size());
            for (OfflineMessage message : messages) {
                int count = stored.computeIfAbsent(message.user(), user -> count(tx, user));
                boolean fits = count < maxPerUser.applyAsInt(message.user());
                if (fits) {
                    stored.put(message.user(), count + 1);
                    rows.add(message);
                }
                accepted.add(fits);
            }
            insert(tx, rows);
            return accepted;
        });
    }

    @Override
    public List<StoredMessage> oldest(Jid user, int limit) {
        return jdbc.query("SELECT id, stanza FROM offline_message WHERE host = ? AND username = ? ORDER BY id LIMIT ?",
                row -> new StoredMessage(row.getLong(1), row.getString(2)), user.domain(), user.local(), limit);
    }

    @Override
    public void deleteThrough(Jid user, long id) {
        jdbc.update("DELETE FROM offline_message WHERE host = ? AND username = ? AND id <= ?",
                user.domain(), user.local(), id);
    }

    @Override
    public void deleteAll(Jid user) {
        jdbc.update("DELETE FROM offline_message WHERE host = ? AND username = ?", user.domain(), user.local());
    }

    private static int count(Jdbc tx, Jid user) {
        return tx.query("SELECT COUNT(*) FROM offline_message WHERE host = ? AND username = ?", row -> row.getInt(1),
                user.domain(), user.local()).getFirst();
    }

    /** One multi-row INSERT for the whole batch: a single round trip, valid on H2 and PostgreSQL. */
    private static void insert(Jdbc tx, List<OfflineMessage> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String values = String.join(", ", Collections.nCopies(rows.size(), "(?, ?, ?)"));
        Object[] parameters = new Object[rows.size() * 3];
        for (int i = 0; i < rows.size(); i++) {
            parameters[3 * i] = rows.get(i).user().domain();
            parameters[3 * i + 1] = rows.get(i).user().local();
            parameters[3 * i + 2] = rows.get(i).stanza();
        }
        tx.update("INSERT INTO offline_message (host, username, stanza) VALUES " + values, parameters);
    }
}
