package im.parley.modules.roster;

import im.parley.store.Jdbc;
import im.parley.xml.Element;
import im.parley.xml.XmlText;
import im.parley.xmpp.Jid;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link RosterStore} in the tables of migration V2 (H2 and PostgreSQL). */
public final class JdbcRosterStore implements RosterStore {
    private static final String ITEM_COLUMNS = "contact, name, subscription, ask, approved";

    private final Jdbc jdbc;

    public JdbcRosterStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<RosterItem> items(String user) {
        Map<String, Set<String>> groups = new HashMap<>();
        jdbc.query("SELECT contact, group_name FROM roster_group WHERE username = ?", row -> groups
                .computeIfAbsent(row.getString(1), c -> new HashSet<>()).add(row.getString(2)), user);
        return jdbc.query("SELECT " + ITEM_COLUMNS + " FROM roster_item WHERE username = ? ORDER BY contact",
                row -> item(row, groups.getOrDefault(row.getString(1), Set.of())), user);
    }

    @Override
    public Optional<RosterItem> item(String user, Jid contact) {
        Set<String> groups = new HashSet<>(jdbc.query(
                "SELECT group_name FROM roster_group WHERE username = ? AND contact = ?",
                row -> row.getString(1), user, contact.toString()));
        return jdbc.query("SELECT " + ITEM_COLUMNS + " FROM roster_item WHERE username = ? AND contact = ?",
                row -> item(row, groups), user, contact.toString()).stream().findFirst();
    }

    private static RosterItem item(ResultSet row, Set<String> groups) throws SQLException {
        return new RosterItem(Jid.parse(row.getString(1)), row.getString(2), Subscription.parse(row.getString(3)),
                row.getBoolean(4), row.getBoolean(5), groups);
    }

    @Override
    public int count(String user) {
        return jdbc.query("SELECT COUNT(*) FROM roster_item WHERE username = ?", row -> row.getInt(1), user).get(0);
    }

    @Override
    public long version(String user) {
        return jdbc.query("SELECT version FROM roster_version WHERE username = ?", row -> row.getLong(1), user)
                .stream().findFirst().orElse(0L);
    }

    @Override
    public long save(String user, RosterItem item) {
        return jdbc.inTransaction(tx -> {
            // Delete and insert: portable where MERGE and ON CONFLICT are not; the groups go with the row.
            tx.update("DELETE FROM roster_item WHERE username = ? AND contact = ?", user, item.jid().toString());
            tx.update("INSERT INTO roster_item (username, " + ITEM_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)", user,
                    item.jid().toString(), item.name(), item.subscription().attribute(), item.ask(), item.approved());
            for (String group : item.groups()) {
                tx.update("INSERT INTO roster_group (username, contact, group_name) VALUES (?, ?, ?)",
                        user, item.jid().toString(), group);
            }
            return nextVersion(tx, user);
        });
    }

    @Override
    public long remove(String user, Jid contact) {
        return jdbc.inTransaction(tx -> {
            tx.update("DELETE FROM roster_item WHERE username = ? AND contact = ?", user, contact.toString());
            return nextVersion(tx, user);
        });
    }

    private static long nextVersion(Jdbc tx, String user) {
        if (tx.update("UPDATE roster_version SET version = version + 1 WHERE username = ?", user) == 0) {
            tx.update("INSERT INTO roster_version (username, version) VALUES (?, 1)", user);
        }
        return tx.query("SELECT version FROM roster_version WHERE username = ?", row -> row.getLong(1), user).get(0);
    }

    @Override
    public List<Element> requests(String user) {
        // Insertion order is not kept by the table; contacts' order is stable, which is all a client needs.
        return jdbc.query("SELECT stanza FROM subscription_request WHERE username = ? ORDER BY contact",
                row -> XmlText.readOne(row.getString(1)), user);
    }

    @Override
    public boolean hasRequest(String user, Jid contact) {
        return jdbc.exists("SELECT 1 FROM subscription_request WHERE username = ? AND contact = ?",
                user, contact.toString());
    }

    @Override
    public void saveRequest(String user, Jid contact, Element request) {
        jdbc.inTransaction(tx -> {
            removeRequest(tx, user, contact);
            return tx.update("INSERT INTO subscription_request (username, contact, stanza) VALUES (?, ?, ?)",
                    user, contact.toString(), XmlText.write(request));
        });
    }

    @Override
    public void removeRequest(String user, Jid contact) {
        removeRequest(jdbc, user, contact);
    }

    private static int removeRequest(Jdbc jdbc, String user, Jid contact) {
        return jdbc.update("DELETE FROM subscription_request WHERE username = ? AND contact = ?",
                user, contact.toString());
    }

    @Override
    public void deleteAll(String user) {
        jdbc.inTransaction(tx -> {
            tx.update("DELETE FROM roster_item WHERE username = ?", user);
            tx.update("DELETE FROM roster_version WHERE username = ?", user);
            return tx.update("DELETE FROM subscription_request WHERE username = ?", user);
        });
    }
}
