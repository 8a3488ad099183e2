package im.parley.modules.streammanagement;

import im.parley.store.Jdbc;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** {@link JournalStore} in the {@code delivery_journal} table (db/journal). */
final class JdbcJournalStore implements JournalStore {
    /** Rows per multi-row INSERT or DELETE: well under PostgreSQL's 65,535 bind parameters. */
    private static final int ROWS_PER_INSERT = 500;

    private final Jdbc jdbc;

    JdbcJournalStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void write(List<Journaled> added, Collection<Long> removed) {
        jdbc.inDurableTransaction(tx -> {
            for (int from = 0; from < added.size(); from += ROWS_PER_INSERT) {
                insert(tx, added.subList(from, Math.min(added.size(), from + ROWS_PER_INSERT)));
            }
            List<Long> ids = List.copyOf(removed);
            for (int from = 0; from < ids.size(); from += ROWS_PER_INSERT) {
                delete(tx, ids.subList(from, Math.min(ids.size(), from + ROWS_PER_INSERT)));
            }
            return null;
        });
    }

    /** One multi-row INSERT: a single round trip, valid on H2 and PostgreSQL. */
    private static void insert(Jdbc tx, List<Journaled> rows) {
        String values = String.join(", ", Collections.nCopies(rows.size(), "(?, ?, ?)"));
        Object[] parameters = new Object[rows.size() * 3];
        for (int i = 0; i < rows.size(); i++) {
            parameters[3 * i] = rows.get(i).id();
            parameters[3 * i + 1] = rows.get(i).receivedAt();
            parameters[3 * i + 2] = rows.get(i).stanza();
        }
        tx.update("INSERT INTO delivery_journal (id, received_at, stanza) VALUES " + values, parameters);
    }

    /**
     * One DELETE for many ids: a statement per id (a JDBC batch) cost H2 about as much as all the
     * batch's inserts together.
     */
    private static void delete(Jdbc tx, List<Long> ids) {
        tx.update("DELETE FROM delivery_journal WHERE id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")",
                ids.toArray());
    }

    @Override
    public List<Journaled> oldest(int limit) {
        return jdbc.query("SELECT id, received_at, stanza FROM delivery_journal ORDER BY id LIMIT ?",
                row -> new Journaled(row.getLong(1), Jdbc.instant(row, 2), row.getString(3)), limit);
    }

    @Override
    public long largestId() {
        return jdbc.query("SELECT MAX(id) FROM delivery_journal", row -> row.getLong(1)).getFirst();
    }
}
