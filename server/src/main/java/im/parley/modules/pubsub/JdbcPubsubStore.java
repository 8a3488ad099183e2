package im.parley.modules.pubsub;

import im.parley.store.Jdbc;
import im.parley.xml.XmlText;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link PubsubStore} in the tables of db/pubsub. */
public final class JdbcPubsubStore implements PubsubStore {
    private static final String ITEM_COLUMNS = "item_id, publisher, payload";
    private static final String ITEMS_BY_SEQ = "SELECT seq, " + ITEM_COLUMNS
            + " FROM pubsub_item WHERE service = ? AND node = ? AND ";

    private final Jdbc jdbc;
    private final NodeConfig defaults;

    /** @param defaults the configuration an option missing from a stored form takes */
    public JdbcPubsubStore(Jdbc jdbc, NodeConfig defaults) {
        this.jdbc = jdbc;
        this.defaults = defaults;
    }

    @Override
    public List<StoredNode> nodes(Jid service) {
        String s = service.toString();
        Map<String, Map<Jid, Affiliation>> affiliations = new HashMap<>();
        jdbc.query("SELECT node, jid, affiliation FROM pubsub_affiliation WHERE service = ?", row -> affiliations
                .computeIfAbsent(row.getString(1), k -> new HashMap<>())
                .put(Jid.parse(row.getString(2)), Affiliation.parse(row.getString(3))), s);
        Map<String, Map<Jid, Subscription>> subscriptions = new HashMap<>();
        jdbc.query("SELECT node, jid, subid, state, deliver FROM pubsub_subscription WHERE service = ?",
                row -> subscriptions.computeIfAbsent(row.getString(1), k -> new LinkedHashMap<>())
                        .put(Jid.parse(row.getString(2)), new Subscription(row.getString(3),
                                Subscription.State.parse(row.getString(4)), row.getBoolean(5))), s);
        Map<String, Item> last = new HashMap<>();
        jdbc.query("SELECT node, " + ITEM_COLUMNS + " FROM pubsub_item i WHERE service = ? AND seq ="
                + " (SELECT MAX(seq) FROM pubsub_item l WHERE l.service = i.service AND l.node = i.node)",
                row -> last.put(row.getString(1), item(row, 2)), s);
        return jdbc.query("SELECT node, config FROM pubsub_node WHERE service = ?", row -> {
            String node = row.getString(1);
            NodeConfig config = defaults.apply(DataForm.parse(XmlText.readOne(row.getString(2))));
            return new StoredNode(node, config, affiliations.getOrDefault(node, Map.of()),
                    subscriptions.getOrDefault(node, Map.of()), last.get(node));
        }, s);
    }

    @Override
    public void saveNode(Jid service, StoredNode node) {
        String s = service.toString();
        String config = node.config().form().toElement().toString();
        List<Object[]> affiliations = node.affiliations().entrySet().stream()
                .map(e -> new Object[] {s, node.name(), e.getKey().toString(), e.getValue().value()}).toList();
        List<Object[]> subscriptions = node.subscriptions().entrySet().stream()
                .map(e -> new Object[] {s, node.name(), e.getKey().toString(), e.getValue().subid(),
                        e.getValue().state().value(), e.getValue().deliver()}).toList();
        jdbc.inTransaction(tx -> {
            if (tx.update("UPDATE pubsub_node SET config = ? WHERE service = ? AND node = ?", config, s, node.name()) == 0) {
                tx.update("INSERT INTO pubsub_node (service, node, config) VALUES (?, ?, ?)", s, node.name(), config);
            }
            tx.update("DELETE FROM pubsub_affiliation WHERE service = ? AND node = ?", s, node.name());
            tx.update("DELETE FROM pubsub_subscription WHERE service = ? AND node = ?", s, node.name());
            tx.batch("INSERT INTO pubsub_affiliation (service, node, jid, affiliation) VALUES (?, ?, ?, ?)", affiliations);
            return tx.batch("INSERT INTO pubsub_subscription (service, node, jid, subid, state, deliver)"
                    + " VALUES (?, ?, ?, ?, ?, ?)",
                    subscriptions);
        });
    }

    @Override
    public void deleteNode(Jid service, String node) {
        jdbc.update("DELETE FROM pubsub_node WHERE service = ? AND node = ?", service.toString(), node);
    }

    @Override
    public void publish(Jid service, String node, Item item, long maxItems) {
        String s = service.toString();
        String payload = item.payload() == null ? null : XmlText.write(item.payload());
        String publisher = item.publisher() == null ? null : item.publisher().toString();
        jdbc.inTransaction(tx -> {
            tx.update("DELETE FROM pubsub_item WHERE service = ? AND node = ? AND item_id = ?", s, node, item.id());
            tx.update("INSERT INTO pubsub_item (service, node, " + ITEM_COLUMNS + ") VALUES (?, ?, ?, ?, ?)",
                    s, node, item.id(), publisher, payload);
            if (maxItems == NodeConfig.MAX) {
                return null;
            }
            // The oldest item kept; everything older goes.
            List<Long> oldestKept = tx.query("SELECT seq FROM pubsub_item WHERE service = ? AND node = ?"
                    + " ORDER BY seq DESC OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY", row -> row.getLong(1), s, node,
                    maxItems - 1);
            if (!oldestKept.isEmpty()) {
                tx.update("DELETE FROM pubsub_item WHERE service = ? AND node = ? AND seq < ?", s, node,
                        oldestKept.get(0));
            }
            return null;
        });
    }

    @Override
    public Page items(Jid service, String node, int max, Paging paging) {
        String s = service.toString();
        String id = paging.after() != null ? paging.after() : paging.before();
        Long anchor = null;
        if (id != null && !id.isEmpty()) {
            List<Long> found = jdbc.query("SELECT seq FROM pubsub_item WHERE service = ? AND node = ? AND item_id = ?",
                    row -> row.getLong(1), s, node, id);
            if (found.isEmpty()) {
                return null;
            }
            anchor = found.get(0);
        }
        // Newest first: a page after an item goes down from its seq, a page before it goes up (and is turned round).
        List<Map.Entry<Long, Item>> rows = paging.before() == null
                ? jdbc.query(ITEMS_BY_SEQ + "seq < ? ORDER BY seq DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                        JdbcPubsubStore::row, s, node, anchor == null ? Long.MAX_VALUE : anchor, paging.index(), max)
                : jdbc.query(ITEMS_BY_SEQ + "seq > ? ORDER BY seq ASC FETCH FIRST ? ROWS ONLY",
                        JdbcPubsubStore::row, s, node, anchor == null ? Long.MIN_VALUE : anchor, max).reversed();
        // One read for both: how many items the node holds, and how many are newer than the page's first (its index).
        int[] counts = jdbc.query("SELECT COUNT(*), COUNT(CASE WHEN seq > ? THEN 1 END) FROM pubsub_item"
                + " WHERE service = ? AND node = ?", row -> new int[] {row.getInt(1), row.getInt(2)},
                rows.isEmpty() ? Long.MAX_VALUE : rows.getFirst().getKey(), s, node).get(0);
        return new Page(rows.stream().map(Map.Entry::getValue).toList(), counts[0], counts[1]);
    }

    private static Map.Entry<Long, Item> row(ResultSet row) throws SQLException {
        return Map.entry(row.getLong(1), item(row, 2));
    }

    @Override
    public List<Item> items(Jid service, String node, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Object> parameters = new ArrayList<>(List.of(service.toString(), node));
        parameters.addAll(ids);
        return jdbc.query("SELECT " + ITEM_COLUMNS + " FROM pubsub_item WHERE service = ? AND node = ? AND item_id IN ("
                + String.join(", ", Collections.nCopies(ids.size(), "?")) + ") ORDER BY seq DESC",
                row -> item(row, 1), parameters.toArray());
    }

    @Override
    public boolean retract(Jid service, String node, String itemId) {
        return jdbc.update("DELETE FROM pubsub_item WHERE service = ? AND node = ? AND item_id = ?",
                service.toString(), node, itemId) > 0;
    }

    @Override
    public void purge(Jid service, String node) {
        jdbc.update("DELETE FROM pubsub_item WHERE service = ? AND node = ?", service.toString(), node);
    }

    @Override
    public void deleteService(Jid service) {
        jdbc.update("DELETE FROM pubsub_node WHERE service = ?", service.toString());
    }

    private static Item item(ResultSet row, int first) throws SQLException {
        String publisher = row.getString(first + 1);
        String payload = row.getString(first + 2);
        return new Item(row.getString(first), publisher == null ? null : Jid.parse(publisher),
                payload == null ? null : XmlText.readOne(payload));
    }
}
