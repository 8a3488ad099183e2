package im.parley.store;

import im.parley.xmpp.Jid;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link MapStore} in the {@code map_store} table (db/store), one store name per instance. */
public final class JdbcMapStore implements MapStore {
    private static final String KEY = "host = ? AND username = ? AND store_name = ? AND key_hash = ?";

    private final Jdbc jdbc;
    private final String name;

    public JdbcMapStore(Jdbc jdbc, String name) {
        this.jdbc = jdbc;
        this.name = name;
    }

    @Override
    public Optional<String> get(Jid user, String key) {
        return jdbc.query("SELECT item_value FROM map_store WHERE " + KEY, row -> row.getString(1),
                user.domain(), user.local(), name, KeyHash.of(key)).stream().findFirst();
    }

    @Override
    public Map<String, Integer> sizes(Jid user) {
        Map<String, Integer> sizes = new HashMap<>();
        jdbc.query("SELECT item_key, size_bytes FROM map_store WHERE host = ? AND username = ? AND store_name = ?",
                row -> sizes.put(row.getString(1), row.getInt(2)), user.domain(), user.local(), name);
        return sizes;
    }

    @Override
    public void putAll(Jid user, Map<String, String> entries) {
        jdbc.inTransaction(tx -> {
            entries.forEach((key, value) -> {
                String hash = KeyHash.of(key);
                tx.update("DELETE FROM map_store WHERE " + KEY, user.domain(), user.local(), name, hash);
                // Selecting from account inserts nothing for an account deleted meanwhile.
                tx.update("INSERT INTO map_store (host, username, store_name, key_hash, item_key, item_value, size_bytes)"
                        + " SELECT host, username, ?, ?, ?, ?, ? FROM account WHERE host = ? AND username = ?",
                        name, hash, key, value, value.getBytes(StandardCharsets.UTF_8).length, user.domain(), user.local());
            });
            return null;
        });
    }

    @Override
    public void remove(Jid user, String key) {
        jdbc.update("DELETE FROM map_store WHERE " + KEY, user.domain(), user.local(), name, KeyHash.of(key));
    }
}
