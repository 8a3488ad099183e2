package im.parley.store;

import im.parley.xmpp.Jid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@link ArchiveStore} in the {@code archive_store} table (db/store), one store name per instance.
 * The position is the id, taken from {@link ArchivePositions}; {@code with_hash} is the hash of
 * the bare JID an item was exchanged with, so that a bare JID finds its full JIDs' items through the index too.
 */
public final class JdbcArchiveStore implements ArchiveStore {
    private static final String COLUMNS = "(id, host, username, store_name, item_key, stamped_at, with_jid, with_hash,"
            + " item_value)";
    private static final int COLUMN_COUNT = 9;

    private final Jdbc jdbc;
    private final ArchivePositions positions;
    private final String name;

    /** A store sharing the server's positions with its other archive stores. */
    public JdbcArchiveStore(Jdbc jdbc, ArchivePositions positions, String name) {
        this.jdbc = jdbc;
        this.positions = positions;
        this.name = name;
    }

    /** The only archive store writing to the database (a tool's, a test's). */
    public JdbcArchiveStore(Jdbc jdbc, String name) {
        this(jdbc, new ArchivePositions(jdbc), name);
    }

    @Override
    public long nextPosition() {
        return positions.next();
    }

    /** One multi-row INSERT for the whole batch: a single round trip, valid on H2 and PostgreSQL. */
    @Override
    public void append(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        String row = "(" + String.join(", ", Collections.nCopies(COLUMN_COUNT, "?")) + ")";
        List<Object> parameters = new ArrayList<>(entries.size() * COLUMN_COUNT);
        for (Entry entry : entries) {
            parameters.addAll(List.of(entry.position(), entry.owner().domain(), entry.owner().local(), name, entry.key(), entry.at(),
                    entry.with().toString(), KeyHash.of(entry.with().bare().toString()), entry.value()));
        }
        jdbc.update("INSERT INTO archive_store " + COLUMNS + " VALUES "
                + String.join(", ", Collections.nCopies(entries.size(), row)), parameters.toArray());
    }

    /**
     * One statement: the filters, one row more than the page holds (to tell whether the page is
     * complete), newest first for a backwards page and turned round here.
     */
    @Override
    public Page query(Jid owner, Query query) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT id, item_key, with_jid, stamped_at, item_value");
        filters(sql, parameters, owner, query);
        sql.append(query.backwards() ? " ORDER BY id DESC" : " ORDER BY id").append(" FETCH FIRST ? ROWS ONLY");
        parameters.add(query.max() + 1);
        List<Item> rows = new ArrayList<>(jdbc.query(sql.toString(), row -> new Item(row.getLong(1), row.getString(2),
                Jid.parse(row.getString(3)), Jdbc.instant(row, 4), row.getString(5)), parameters.toArray()));
        boolean complete = rows.size() <= query.max();
        if (!complete) {
            rows.removeLast();
        }
        if (query.backwards()) {
            rows = rows.reversed();
        }
        return new Page(List.copyOf(rows), complete);
    }

    @Override
    public long count(Jid owner, Query query) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT COUNT(*)");
        filters(sql, parameters, owner, query);
        return jdbc.query(sql.toString(), row -> row.getLong(1), parameters.toArray()).getFirst();
    }

    /** The FROM and WHERE clauses of a query. */
    private void filters(StringBuilder sql, List<Object> parameters, Jid owner, Query query) {
        sql.append(" FROM archive_store WHERE host = ? AND username = ? AND store_name = ?");
        parameters.addAll(List.of(owner.domain(), owner.local(), name));
        Jid with = query.with();
        condition(sql, parameters, "with_hash = ?", with == null ? null : KeyHash.of(with.bare().toString()));
        condition(sql, parameters, "with_jid = ?", with == null || with.isBare() ? null : with.toString());
        condition(sql, parameters, "stamped_at >= ?", query.start());
        condition(sql, parameters, "stamped_at <= ?", query.end());
        condition(sql, parameters, "id > ?", query.after());
        condition(sql, parameters, "id < ?", query.before());
        if (query.positions() != null) {
            // An empty list matches nothing; IN () is not valid SQL.
            sql.append(query.positions().isEmpty() ? " AND 1 = 0"
                    : " AND id IN (" + String.join(", ", Collections.nCopies(query.positions().size(), "?")) + ")");
            parameters.addAll(query.positions());
        }
    }

    private static void condition(StringBuilder sql, List<Object> parameters, String condition, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            parameters.add(value);
        }
    }

    @Override
    public Map<String, Long> positions(Jid owner, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        List<Object> parameters = new ArrayList<>(List.of(owner.domain(), owner.local(), name));
        parameters.addAll(keys);
        return jdbc.query("SELECT item_key, id FROM archive_store WHERE host = ? AND username = ? AND store_name = ?"
                + " AND item_key IN (" + String.join(", ", Collections.nCopies(keys.size(), "?")) + ")",
                row -> Map.entry(row.getString(1), row.getLong(2)), parameters.toArray())
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * After the last owner of the previous page by a row-value comparison, with its host as a
     * lower bound too, so that each page starts where the last one ended on the index that leads
     * with (host, username) rather than reading every earlier owner's rows again (an OR of the
     * two columns is no range an index can start at).
     */
    @Override
    public List<Jid> owners(String host, Jid after, int max) {
        List<Object> parameters = new ArrayList<>(List.of(name));
        StringBuilder sql = new StringBuilder("SELECT DISTINCT host, username FROM archive_store WHERE store_name = ?");
        condition(sql, parameters, "host = ?", host);
        if (after != null) {
            sql.append(" AND host >= ? AND (host, username) > (?, ?)");
            parameters.addAll(List.of(after.domain(), after.domain(), after.local()));
        }
        sql.append(" ORDER BY host, username FETCH FIRST ? ROWS ONLY");
        parameters.add(max);
        return jdbc.query(sql.toString(), row -> Jid.of(row.getString(2), row.getString(1), null),
                parameters.toArray());
    }

    /**
     * The ids of up to max such rows first, then a DELETE of those ids: DELETE has no row limit in
     * PostgreSQL, and H2 ran the same limit as a subquery (DELETE ... WHERE id IN (SELECT ...
     * FETCH FIRST n)) a hundred times slower, 21 s for 1,000 of 100,000 rows. ix_archive_store_age
     * finds the rows; not sorting them keeps each batch cheap however large the backlog. A row
     * removed in between is simply not counted.
     */
    @Override
    public int deleteBefore(String host, Instant before, int max) {
        List<Long> ids = jdbc.query("SELECT id FROM archive_store WHERE store_name = ? AND host = ? AND stamped_at < ?"
                + " FETCH FIRST ? ROWS ONLY", row -> row.getLong(1), name, host, before, max);
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.update("DELETE FROM archive_store WHERE id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?"))
                + ")", ids.toArray());
    }

    @Override
    public void deleteAll(Jid owner) {
        jdbc.update("DELETE FROM archive_store WHERE host = ? AND username = ? AND store_name = ?",
                owner.domain(), owner.local(), name);
    }
}
