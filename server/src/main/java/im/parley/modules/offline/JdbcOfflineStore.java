package im.parley.modules.offline;

import im.parley.store.Jdbc;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link OfflineStore} in the {@code offline_message} table (migration V3). */
public final class JdbcOfflineStore implements OfflineStore {
    private final Jdbc jdbc;

    public JdbcOfflineStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Boolean> append(List<OfflineMessage> messages, int maxPerUser) {
        return jdbc.inTransaction(tx -> {
            // Counted inside the transaction that inserts, so a batch cannot overshoot the quota.
            Map<String, Integer> stored = new HashMap<>();
            List<Boolean> accepted = new ArrayList<>(messages.size());
            List<OfflineMessage> rows = new ArrayList<>(messages.size());
            for (OfflineMessage message : messages) {
                int count = stored.computeIfAbsent(message.username(), user -> count(tx, user));
                boolean fits = count < maxPerUser;
                if (fits) {
                    stored.put(message.username(), count + 1);
                    rows.add(message);
                }
                accepted.add(fits);
            }
            insert(tx, rows);
            return accepted;
        });
    }

    @Override
    public List<StoredMessage> oldest(String username, int limit) {
        return jdbc.query("SELECT id, stanza FROM offline_message WHERE username = ? ORDER BY id LIMIT ?",
                row -> new StoredMessage(row.getLong(1), row.getString(2)), username, limit);
    }

    @Override
    public void deleteThrough(String username, long id) {
        jdbc.update("DELETE FROM offline_message WHERE username = ? AND id <= ?", username, id);
    }

    @Override
    public void deleteAll(String username) {
        jdbc.update("DELETE FROM offline_message WHERE username = ?", username);
    }

    private static int count(Jdbc tx, String username) {
        return tx.query("SELECT COUNT(*) FROM offline_message WHERE username = ?", row -> row.getInt(1), username)
                .getFirst();
    }

    /** One multi-row INSERT for the whole batch: a single round trip, valid on H2 and PostgreSQL. */
    private static void insert(Jdbc tx, List<OfflineMessage> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String values = String.join(", ", Collections.nCopies(rows.size(), "(?, ?)"));
        Object[] parameters = new Object[rows.size() * 2];
        for (int i = 0; i < rows.size(); i++) {
            parameters[2 * i] = rows.get(i).username();
            parameters[2 * i + 1] = rows.get(i).stanza();
        }
        tx.update("INSERT INTO offline_message (username, stanza) VALUES " + values, parameters);
    }
}
