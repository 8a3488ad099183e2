package im.parley.store;

import im.parley.xmpp.Jid;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ArchiveStore} in the {@code archive_entry} table (db/store), one store name per instance.
 * Rows are narrow because archiving is on the path of every message: the owner is a number from
 * {@code archive_owner} (kept in memory once known), the position is the primary key's second
 * column and stands for the item's time and id too ({@link ArchivePositions}), and
 * {@code with_hash} is 64 bits of the hash of the bare JID an item was exchanged with, so that a
 * bare JID finds its full JIDs' items through the one index. Items archived before positions
 * were times keep their ids in {@code archive_legacy_key}.
 */
public final class JdbcArchiveStore implements ArchiveStore {
    private static final String COLUMNS = "(owner_id, pos, with_hash, with_jid, item_value)";
    private static final String ROW = "(?, ?, ?, ?, ?)";
    /** An id for an owner not in the table: matches no row. */
    private static final long NO_OWNER = -1;

    private final Jdbc jdbc;
    private final ArchivePositions positions;
    private final String name;
    /** The ids of this store's owners met so far; only those in the table, so a later write still adds a new one. */
    private final Map<Jid, Long> owners = new ConcurrentHashMap<>();

    /** A store sharing the server's positions with its other archive stores. */
    public JdbcArchiveStore(Jdbc jdbc, ArchivePositions positions, String name) {
        this.jdbc = jdbc;
        this.positions = positions;
        this.name = name;
    }

    /** The only archive store writing to the database (a tool's, a test's), on the system clock. */
    public JdbcArchiveStore(Jdbc jdbc, String name) {
        this(jdbc, new ArchivePositions(jdbc, Clock.systemUTC()), name);
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
        List<Object> parameters = new ArrayList<>(entries.size() * 5);
        for (Entry entry : entries) {
            parameters.addAll(List.of(ownerToWrite(entry.owner()), entry.position(),
                    KeyHash.of64(entry.with().bare().toString()), entry.with().toString(), entry.value()));
        }
        jdbc.update("INSERT INTO archive_entry " + COLUMNS + " VALUES " + String.join(", ", Collections.nCopies(entries.size(), ROW)),
                parameters.toArray());
    }

    /**
     * One statement: the filters, one row more than the page holds (to tell whether the page is
     * complete), newest first for a backwards page and turned round here.
     */
    @Override
    public Page query(Jid owner, Query query) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT e.pos, k.item_key, e.with_jid, e.item_value FROM archive_entry e"
                + " LEFT JOIN archive_legacy_key k ON k.owner_id = e.owner_id AND k.pos = e.pos");
        filters(sql, parameters, owner, query);
        sql.append(query.backwards() ? " ORDER BY e.pos DESC" : " ORDER BY e.pos").append(" FETCH FIRST ? ROWS ONLY");
        parameters.add(query.max() + 1);
        List<Item> rows = new ArrayList<>(jdbc.query(sql.toString(), row -> item(row.getLong(1), row.getString(2),
                Jid.parse(row.getString(3)), row.getString(4)), parameters.toArray()));
        boolean complete = rows.size() <= query.max();
        if (!complete) {
            rows.removeLast();
        }
        if (query.backwards()) {
            rows = rows.reversed();
        }
        return new Page(List.copyOf(rows), complete);
    }

    private static Item item(long position, String legacyKey, Jid with, String value) {
        return new Item(position, legacyKey == null ? ArchivePositions.key(position) : legacyKey, with,
                ArchivePositions.instant(position), value);
    }

    @Override
    public long count(Jid owner, Query query) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM archive_entry e");
        filters(sql, parameters, owner, query);
        return jdbc.query(sql.toString(), row -> row.getLong(1), parameters.toArray()).getFirst();
    }

    /** The WHERE clause of a query: times are ranges of positions. */
    private void filters(StringBuilder sql, List<Object> parameters, Jid owner, Query query) {
        sql.append(" WHERE e.owner_id = ?");
        parameters.add(ownerToRead(owner));
        Jid with = query.with();
        condition(sql, parameters, "e.with_hash = ?", with == null ? null : KeyHash.of64(with.bare().toString()));
        condition(sql, parameters, "e.with_jid = ?", with == null || with.isBare() ? null : with.toString());
        condition(sql, parameters, "e.pos >= ?", query.start() == null ? null : firstPositionAt(query.start()));
        condition(sql, parameters, "e.pos <= ?", query.end() == null ? null : ArchivePositions.of(query.end()));
        condition(sql, parameters, "e.pos > ?", query.after());
        condition(sql, parameters, "e.pos < ?", query.before());
        if (query.positions() != null) {
            // An empty list matches nothing; IN () is not valid SQL.
            sql.append(query.positions().isEmpty() ? " AND 1 = 0" : " AND e.pos IN (" + placeholders(query.positions().size()) + ")");
            parameters.addAll(query.positions());
        }
    }

    /** The first position at or after an instant (positions are whole microseconds). */
    private static long firstPositionAt(Instant start) {
        long position = ArchivePositions.of(start);
        return ArchivePositions.instant(position).isBefore(start) ? position + 1 : position;
    }

    private static void condition(StringBuilder sql, List<Object> parameters, String condition, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            parameters.add(value);
        }
    }

    /** Ids from before positions were times are looked up; the others name their position, which must be the owner's. */
    @Override
    public Map<String, Long> positions(Jid owner, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        long id = ownerToRead(owner);
        List<Object> parameters = new ArrayList<>(List.of(id));
        parameters.addAll(keys);
        Map<String, Long> found = new HashMap<>();
        jdbc.query("SELECT item_key, pos FROM archive_legacy_key WHERE owner_id = ? AND item_key IN (" + placeholders(keys.size())
                + ")", row -> Map.entry(row.getString(1), row.getLong(2)), parameters.toArray())
                .forEach(legacy -> found.put(legacy.getKey(), legacy.getValue()));
        Map<Long, String> named = new HashMap<>();
        for (String key : keys) {
            long position = ArchivePositions.parse(key);
            if (!found.containsKey(key) && position >= 0) {
                named.put(position, key);
            }
        }
        if (!named.isEmpty()) {
            List<Object> candidates = new ArrayList<>(List.of(id));
            candidates.addAll(named.keySet());
            jdbc.query("SELECT pos FROM archive_entry WHERE owner_id = ? AND pos IN (" + placeholders(named.size()) + ")",
                    row -> row.getLong(1), candidates.toArray()).forEach(position -> found.put(named.get(position), position));
        }
        return found;
    }

    /**
     * After the last owner of the previous page by a row-value comparison, with its host as a
     * lower bound too, so that each page starts where the last one ended on the index that leads
     * with (store, host, username) rather than reading every earlier owner again (an OR of the
     * two columns is no range an index can start at). Owners whose items are all gone are skipped.
     */
    @Override
    public List<Jid> owners(String host, Jid after, int max) {
        List<Object> parameters = new ArrayList<>(List.of(name));
        StringBuilder sql = new StringBuilder("SELECT o.host, o.username FROM archive_owner o WHERE o.store_name = ?");
        condition(sql, parameters, "o.host = ?", host);
        if (after != null) {
            sql.append(" AND o.host >= ? AND (o.host, o.username) > (?, ?)");
            parameters.addAll(List.of(after.domain(), after.domain(), after.local()));
        }
        sql.append(" AND EXISTS (SELECT 1 FROM archive_entry e WHERE e.owner_id = o.id)"
                + " ORDER BY o.host, o.username FETCH FIRST ? ROWS ONLY");
        parameters.add(max);
        return jdbc.query(sql.toString(), row -> Jid.of(row.getString(2), row.getString(1), null), parameters.toArray());
    }

    /**
     * The oldest positions first, then one DELETE of the range up to the last of them (DELETE has
     * no row limit in PostgreSQL): both on the primary key, so each batch is cheap however large
     * the archive.
     */
    @Override
    public int deleteBefore(Jid owner, Instant before, int max) {
        long id = ownerToRead(owner);
        List<Long> oldest = jdbc.query("SELECT pos FROM archive_entry WHERE owner_id = ? AND pos < ? ORDER BY pos"
                + " FETCH FIRST ? ROWS ONLY", row -> row.getLong(1), id, firstPositionAt(before), max);
        if (oldest.isEmpty()) {
            return 0;
        }
        return jdbc.inTransaction(tx -> {
            tx.update("DELETE FROM archive_legacy_key WHERE owner_id = ? AND pos <= ?", id, oldest.getLast());
            return tx.update("DELETE FROM archive_entry WHERE owner_id = ? AND pos <= ?", id, oldest.getLast());
        });
    }

    @Override
    public void replace(Jid owner, long position, String value) {
        jdbc.update("UPDATE archive_entry SET item_value = ? WHERE owner_id = ? AND pos = ?", value, ownerToRead(owner), position);
    }

    /** The owner's items, and the owner's row: an archive's owner need not be an account, but leaves no trace when deleted. */
    @Override
    public void deleteAll(Jid owner) {
        long id = ownerToRead(owner);
        jdbc.inTransaction(tx -> {
            tx.update("DELETE FROM archive_legacy_key WHERE owner_id = ?", id);
            tx.update("DELETE FROM archive_entry WHERE owner_id = ?", id);
            return tx.update("DELETE FROM archive_owner WHERE id = ?", id);
        });
        owners.remove(owner);
    }

    /** The owner's id, or one that matches nothing when the owner has no archive yet. */
    private long ownerToRead(Jid owner) {
        Long id = owners.get(owner);
        if (id != null) {
            return id;
        }
        List<Long> found = jdbc.query("SELECT id FROM archive_owner WHERE store_name = ? AND host = ? AND username = ?",
                row -> row.getLong(1), name, owner.domain(), owner.local());
        if (found.isEmpty()) {
            return NO_OWNER;
        }
        owners.put(owner, found.getFirst());
        return found.getFirst();
    }

    /** The owner's id, added to the table the first time. Synchronized: one writer adds an owner once. */
    private synchronized long ownerToWrite(Jid owner) {
        long id = ownerToRead(owner);
        if (id != NO_OWNER) {
            return id;
        }
        id = jdbc.insertReturning("id", "INSERT INTO archive_owner (host, username, store_name) VALUES (?, ?, ?)",
                owner.domain(), owner.local(), name);
        owners.put(owner, id);
        return id;
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
