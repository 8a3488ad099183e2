package im.parley.modules.roster;

import im.parley.store.Jdbc;
import im.parley.store.KeyHash;
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

/**
 * {@link RosterStore} in the tables of db/roster (H2 and PostgreSQL): rows keyed by the user's host
 * and local part and by the contact's {@link KeyHash}.
 */
public final class JdbcRosterStore implements RosterStore {
    private static final String USER = "host = ? AND username = ?";
    private static final String CONTACT = USER + " AND contact_hash = ?";

    private final Jdbc jdbc;

    public JdbcRosterStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<RosterItem> items(Jid user) {
        return itemsWhere(jdbc, new HashMap<>(), "i.host = ? AND i.username = ? ORDER BY i.contact",
                user.domain(), user.local());
    }

    @Override
    public Optional<RosterItem> item(Jid user, Jid contact) {
        return itemsWhere(jdbc, new HashMap<>(), "i.host = ? AND i.username = ? AND i.contact_hash = ?",
                user.domain(), user.local(), hash(contact)).stream().findFirst();
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
                + " FROM roster_item i LEFT JOIN roster_group g ON g.host = i.host AND g.username = i.username"
                + " AND g.contact_hash = i.contact_hash WHERE " + condition,
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
    public int count(Jid user) {
        return jdbc.query("SELECT COUNT(*) FROM roster_item WHERE " + USER, row -> row.getInt(1),
                user.domain(), user.local()).get(0);
    }

    @Override
    public long version(Jid user) {
        return jdbc.query("SELECT version FROM roster_version WHERE " + USER, row -> row.getLong(1),
                user.domain(), user.local()).stream().findFirst().orElse(0L);
    }

    @Override
    public long save(Jid user, RosterItem item) {
        String contact = hash(item.jid());
        return jdbc.inTransaction(tx -> {
            long version = nextVersion(tx, user);
            // Delete and insert: portable where MERGE and ON CONFLICT are not; the groups go with the row.
            tx.update("DELETE FROM roster_item WHERE " + CONTACT, user.domain(), user.local(), contact);
            tx.update("INSERT INTO roster_item (host, username, contact_hash, contact, name, subscription, ask,"
                    + " approved, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", user.domain(), user.local(), contact,
                    item.jid().toString(), item.name(), item.subscription().attribute(), item.ask(), item.approved(),
                    version);
            for (String group : item.groups()) {
                tx.update("INSERT INTO roster_group (host, username, contact_hash, group_name) VALUES (?, ?, ?, ?)",
                        user.domain(), user.local(), contact, group);
            }
            tx.update("DELETE FROM roster_removal WHERE " + CONTACT, user.domain(), user.local(), contact);
            return version;
        });
    }

    @Override
    public long remove(Jid user, Jid contact) {
        String hash = hash(contact);
        return jdbc.inTransaction(tx -> {
            long version = nextVersion(tx, user);
            tx.update("DELETE FROM roster_item WHERE " + CONTACT, user.domain(), user.local(), hash);
            tx.update("DELETE FROM roster_removal WHERE " + CONTACT, user.domain(), user.local(), hash);
            tx.update("INSERT INTO roster_removal (host, username, contact_hash, contact, version) VALUES (?, ?, ?, ?, ?)",
                    user.domain(), user.local(), hash, contact.toString(), version);
            return version;
        });
    }

    @Override
    public Optional<List<RosterChange>> changesSince(Jid user, long version) {
        return jdbc.inTransaction(tx -> {
            long[] known = tx.query("SELECT since, version FROM roster_version WHERE " + USER,
                    row -> new long[] {row.getLong(1), row.getLong(2)}, user.domain(), user.local())
                    .stream().findFirst().orElse(new long[2]);
            if (version < known[0] || version > known[1]) {
                return Optional.<List<RosterChange>>empty();
            }
            List<RosterChange> changes = new ArrayList<>();
            Map<Jid, Long> versions = new HashMap<>();
            for (RosterItem item : itemsWhere(tx, versions, "i.host = ? AND i.username = ? AND i.version > ?",
                    user.domain(), user.local(), version)) {
                changes.add(new RosterChange(versions.get(item.jid()), item.toElement()));
            }
            changes.addAll(tx.query("SELECT contact, version FROM roster_removal WHERE " + USER + " AND version > ?",
                    row -> new RosterChange(row.getLong(2), RosterItem.removal(Jid.parse(row.getString(1)))),
                    user.domain(), user.local(), version));
            changes.sort(Comparator.comparingLong(RosterChange::version));
            return Optional.of(List.copyOf(changes));
        });
    }

    private static long nextVersion(Jdbc tx, Jid user) {
        if (tx.update("UPDATE roster_version SET version = version + 1 WHERE " + USER, user.domain(), user.local()) == 0) {
            tx.update("INSERT INTO roster_version (host, username, version, since) VALUES (?, ?, 1, 0)",
                    user.domain(), user.local());
        }
        return tx.query("SELECT version FROM roster_version WHERE " + USER, row -> row.getLong(1),
                user.domain(), user.local()).get(0);
    }

    @Override
    public List<Element> requests(Jid user) {
        // Insertion order is not kept by the table; contacts' order is stable, which is all a client needs.
        return jdbc.query("SELECT stanza FROM subscription_request WHERE " + USER + " ORDER BY contact",
                row -> XmlText.readOne(row.getString(1)), user.domain(), user.local());
    }

    @Override
    public boolean hasRequest(Jid user, Jid contact) {
        return jdbc.exists("SELECT 1 FROM subscription_request WHERE " + CONTACT, user.domain(), user.local(),
                hash(contact));
    }

    @Override
    public void saveRequest(Jid user, Jid contact, Element request) {
        jdbc.inTransaction(tx -> {
            removeRequest(tx, user, contact);
            return tx.update("INSERT INTO subscription_request (host, username, contact_hash, contact, stanza)"
                    + " VALUES (?, ?, ?, ?, ?)", user.domain(), user.local(), hash(contact), contact.toString(),
                    XmlText.write(request));
        });
    }

    @Override
    public void removeRequest(Jid user, Jid contact) {
        removeRequest(jdbc, user, contact);
    }

    private static int removeRequest(Jdbc jdbc, Jid user, Jid contact) {
        return jdbc.update("DELETE FROM subscription_request WHERE " + CONTACT, user.domain(), user.local(),
                hash(contact));
    }

    @Override
    public void deleteAll(Jid user) {
        jdbc.inTransaction(tx -> {
            tx.update("DELETE FROM roster_item WHERE " + USER, user.domain(), user.local());
            tx.update("DELETE FROM roster_removal WHERE " + USER, user.domain(), user.local());
            // The emptied roster gets a version of its own, and no change before it is remembered.
            tx.update("UPDATE roster_version SET version = version + 1, since = version + 1 WHERE " + USER,
                    user.domain(), user.local());
            return tx.update("DELETE FROM subscription_request WHERE " + USER, user.domain(), user.local());
        });
    }

    private static String hash(Jid contact) {
        return KeyHash.of(contact.toString());
    }
}
