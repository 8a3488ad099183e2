package im.parley.modules.privatexml;

import im.parley.store.Jdbc;
import im.parley.xml.XmlText;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The {@code private_xml} table (V5__profiles.sql): one XML text per (user, element name, namespace). */
public final class PrivateXmlStore {
    /** What a fragment is stored under, besides its user: the qualified name of its root element(s). */
    public record Key(String namespace, String name) {
    }

    private final Jdbc jdbc;

    public PrivateXmlStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> load(String username, Key key) {
        return jdbc.query("SELECT xml FROM private_xml WHERE username = ? AND namespace = ? AND name = ?",
                row -> row.getString(1), username, key.namespace(), key.name()).stream().findFirst();
    }

    /** The size in bytes of each fragment the user stores, for the quota. */
    public Map<Key, Integer> sizes(String username) {
        Map<Key, Integer> sizes = new HashMap<>();
        jdbc.query("SELECT namespace, name, size_bytes FROM private_xml WHERE username = ?",
                row -> sizes.put(new Key(row.getString(1), row.getString(2)), row.getInt(3)), username);
        return sizes;
    }

    /** Replaces the texts under these keys in one transaction; stores nothing if the account no longer exists. */
    public void save(String username, Map<Key, String> fragments) {
        jdbc.inTransaction(tx -> {
            fragments.forEach((key, xml) -> {
                tx.update("DELETE FROM private_xml WHERE username = ? AND namespace = ? AND name = ?",
                        username, key.namespace(), key.name());
                // Selecting from account inserts nothing for an account deleted meanwhile.
                tx.update("INSERT INTO private_xml (username, namespace, name, xml, size_bytes)"
                        + " SELECT username, ?, ?, ?, ? FROM account WHERE username = ?",
                        key.namespace(), key.name(), xml, XmlText.byteLength(xml), username);
            });
            return null;
        });
    }
}
