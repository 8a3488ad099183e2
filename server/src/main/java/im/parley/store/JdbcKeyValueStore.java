package im.parley.store;

import im.parley.xmpp.Jid;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link KeyValueStore} in the {@code kv_store} table (db/store), one store name per instance. */
public final class JdbcKeyValueStore implements KeyValueStore {
    private final Jdbc jdbc;
    private final String name;

    public JdbcKeyValueStore(Jdbc jdbc, String name) {
        this.jdbc = jdbc;
        this.name = name;
    }

    @Override
    public Optional<Value> get(Jid user) {
        return jdbc.query("SELECT item_value, stamped_at FROM kv_store WHERE host = ? AND username = ? AND store_name = ?",
                row -> new Value(row.getString(1), Jdbc.instant(row, 2)), user.domain(), user.local(), name)
                .stream().findFirst();
    }

    @Override
    public void setAll(Map<Jid, Value> values) {
        List<Object[]> rows = values.entrySet().stream()
                .map(e -> new Object[] {e.getValue().text(), e.getValue().at(), e.getKey().domain(), e.getKey().local(), name})
                .toList();
        jdbc.inTransaction(tx -> {
            // Selecting from account inserts nothing for an account deleted meanwhile.
            tx.upsert("UPDATE kv_store SET item_value = ?, stamped_at = ? WHERE host = ? AND username = ? AND store_name = ?",
                    rows, "INSERT INTO kv_store (host, username, store_name, item_value, stamped_at)"
                            + " SELECT host, username, ?, ?, ? FROM account WHERE host = ? AND username = ?",
                    values.entrySet().stream().map(e -> new Object[] {name, e.getValue().text(), e.getValue().at(),
                        e.getKey().domain(), e.getKey().local()}).toList());
            return null;
        });
    }

    @Override
    public void delete(Jid user) {
        jdbc.update("DELETE FROM kv_store WHERE host = ? AND username = ? AND store_name = ?",
                user.domain(), user.local(), name);
    }
}
