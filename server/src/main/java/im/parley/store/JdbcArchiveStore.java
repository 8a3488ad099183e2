package im.parley.store;

import im.parley.xmpp.Jid;
import java.util.ArrayList;
import java.util.List;

/** {@link ArchiveStore} in the {@code archive_store} table (db/store), one store name per instance. */
public final class JdbcArchiveStore implements ArchiveStore {
    private final Jdbc jdbc;
    private final String name;

    public JdbcArchiveStore(Jdbc jdbc, String name) {
        this.jdbc = jdbc;
        this.name = name;
    }

    @Override
    public List<Long> append(Jid owner, List<Entry> entries) {
        return jdbc.inTransaction(tx -> {
            List<Long> ids = new ArrayList<>(entries.size());
            for (Entry entry : entries) {
                String with = entry.with().toString();
                ids.add(tx.insertReturning("id", "INSERT INTO archive_store"
                        + " (host, username, store_name, stamped_at, with_jid, with_hash, item_value)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                        owner.domain(), owner.local(), name, entry.at(), with, KeyHash.of(with), entry.value()));
            }
            return ids;
        });
    }

    /**
     * One statement: the filters, the page's anchor, one row more than the page holds (to tell
     * whether the page is complete), newest first for a backwards page and turned round here.
     */
    @Override
    public Page query(Jid owner, Query query) {
        StringBuilder sql = new StringBuilder(
                "SELECT id, with_jid, stamped_at, item_value FROM archive_store WHERE host = ? AND username = ? AND store_name = ?");
        List<Object> parameters = new ArrayList<>(List.of(owner.domain(), owner.local(), name));
        condition(sql, parameters, "with_hash = ?", query.with() == null ? null : KeyHash.of(query.with().toString()));
        condition(sql, parameters, "stamped_at >= ?", query.start());
        condition(sql, parameters, "stamped_at <= ?", query.end());
        condition(sql, parameters, "id > ?", query.after());
        condition(sql, parameters, "id < ?", query.before());
        sql.append(query.backwards() ? " ORDER BY id DESC" : " ORDER BY id").append(" FETCH FIRST ? ROWS ONLY");
        parameters.add(query.max() + 1);
        List<Item> rows = new ArrayList<>(jdbc.query(sql.toString(),
                row -> new Item(row.getLong(1), Jid.parse(row.getString(2)), Jdbc.instant(row, 3), row.getString(4)),
                parameters.toArray()));
        boolean complete = rows.size() <= query.max();
        if (!complete) {
            rows.removeLast();
        }
        if (query.backwards()) {
            rows = rows.reversed();
        }
        return new Page(List.copyOf(rows), complete);
    }

    private static void condition(StringBuilder sql, List<Object> parameters, String condition, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            parameters.add(value);
        }
    }

    @Override
    public void deleteAll(Jid owner) {
        jdbc.update("DELETE FROM archive_store WHERE host = ? AND username = ? AND store_name = ?",
                owner.domain(), owner.local(), name);
    }
}
