package im.parley.modules.roster;

import im.parley.store.Jdbc;
import im.parley.xml.Element;
import im.parley.xml.XmlText;
import im.parley.xmpp.Jid;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
        return itemsWhere(jdbc, new HashMap<>(), "i.username = ? ORDER BY i.contact", user);
    }

    @Override
    public Optional<RosterItem> item(String user, Jid contact) {
        return itemsWhere(jdbc, new HashMap<>(), "i.username = ? AND i.contact = ?", user, contact.toString())
                .stream().findFirst();
    }

    /**
     * The items matching {@code condition}, read with their groups in one statement (each statement
     * costs the embedded database a transaction of its own, more than the rows it reads), and the
     * version of each item's last change into {@code versions}. The join yields an item once per
     * group, or once with no group.
     */
    private static List<RosterItem> itemsWhere(Jdbc jdbc, Map<Jid, Long> versions, String condition,
            Object... parameters) {
        Map<String, RosterItem> items = new LinkedHashMap<>();
        Map<String, Set<String>> groups = new HashMap<>();
        jdbc.query("SELECT i.contact, i.name, i.subscription, i.ask, i.approved, g.group_name, i.version"
                + " FROM roster_item i"
                + " LEFT JOIN roster_group g ON g.username = i.username AND g.contact = i.contact WHERE " + condition,
                row -> {
                    String contact = row.getString(1);
                    if (!items.containsKey(contact)) {
                        RosterItem item = item(row);
                        items.put(contact, item);
                        versions.put(item.jid(), row.getLong(7));
                    }
                    String group = row.getString(6);
                    if (group != null) {
                        groups.computeIfAbsent(contact, c -> new HashSet<>()).add(group);
                    }
                    return contact;
                }, parameters);
        return items.entrySet().stream().map(e -> withGroups(e.getValue(), groups.get(e.getKey()))).toList();
    }

    private static RosterItem withGroups(RosterItem item, Set<String> groups) {
        return groups == null ? item
                : new RosterItem(item.jid(), item.name(), item.subscription(), item.ask(), item.approved(), groups);
    }

    private static RosterItem item(ResultSet row) throws SQLException {
        return new RosterItem(Jid.parse(row.getString(1)), row.getString(2), Subscription.parse(row.getString(3)),
                row.getBoolean(4), row.getBoolean(5), Set.of());
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
            long version = nextVersion(tx, user);
            String contact = item.jid().toString();
            // Delete and insert: portable where MERGE and ON CONFLICT are not; the groups go with the row.
            tx.update("DELETE FROM roster_item WHERE username = ? AND contact = ?", user, contact);
            tx.update("INSERT INTO roster_item (username, " + ITEM_COLUMNS + ", version) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    user, contact, item.name(), item.subscription().attribute(), item.ask(), item.approved(), version);
            for (String group : item.groups()) {
                tx.update("INSERT INTO roster_group (username, contact, group_name) VALUES (?, ?, ?)",
                        user, contact, group);
            }
            tx.update("DELETE FROM roster_removal WHERE username = ? AND contact = ?", user, contact);
            return version;
        });
    }

    @Override
    public long remove(String user, Jid contact) {
        return jdbc.inTransaction(tx -> {
            long version = nextVersion(tx, user);
            tx.update("DELETE FROM roster_item WHERE username = ? AND contact = ?", user, contact.toString());
            tx.update("DELETE FROM roster_removal WHERE username = ? AND contact = ?", user, contact.toString());
            tx.update("INSERT INTO roster_removal (username, contact, version) VALUES (?, ?, ?)",
                    user, contact.toString(), version);
            return version;
        });
    }

    @Override
    public Optional<List<RosterChange>> changesSince(String user, long version) {
        return jdbc.inTransaction(tx -> {
            long[] known = tx.query("SELECT since, version FROM roster_version WHERE username = ?",
                    row -> new long[] {row.getLong(1), row.getLong(2)}, user).stream().findFirst().orElse(new long[2]);
            if (version < known[0] || version > known[1]) {
                return Optional.<List<RosterChange>>empty();
            }
            List<RosterChange> changes = new ArrayList<>();
            Map<Jid, Long> versions = new HashMap<>();
            for (RosterItem item : itemsWhere(tx, versions, "i.username = ? AND i.version > ?", user, version)) {
                changes.add(new RosterChange(versions.get(item.jid()), item.toElement()));
            }
            changes.addAll(tx.query("SELECT contact, version FROM roster_removal WHERE username = ? AND version > ?",
                    row -> new RosterChange(row.getLong(2), RosterItem.removal(Jid.parse(row.getString(1)))),
                    user, version));
            changes.sort(Comparator.comparingLong(RosterChange::version));
            return Optional.of(List.copyOf(changes));
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
            tx.update("DELETE FROM roster_removal WHERE username = ?", user);
            // The emptied roster gets a version of its own, and no change before it is remembered.
            tx.update("UPDATE roster_version SET version = version + 1, since = version + 1 WHERE username = ?", user);
            return tx.update("DELETE FROM subscription_request WHERE username = ?", user);
        });
    }
}
