package im.parley.modules.pubsub;

import im.parley.xmpp.Jid;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The nodes and items of pubsub services, each service named by its JID (an account's bare JID
 * for PEP, {@code pubsub.<host>} for the service). Calls may block.
 */
public interface PubsubStore {
    /**
     * A node as stored: its configuration, affiliations (by bare JID, {@link Affiliation#NONE}
     * left out) and subscriptions (by subscriber JID), and its newest item (or null).
     */
    record StoredNode(String name, NodeConfig config, Map<Jid, Affiliation> affiliations,
            Map<Jid, Subscription> subscriptions, Item lastItem) {
    }

    /**
     * A page of items, newest first, with how many the node holds and the index of the page's first
     * item among them (XEP-0059 §2.4's {@code <first index=''/>}).
     */
    record Page(List<Item> items, int count, int firstIndex) {
    }

    /**
     * Where a page is (XEP-0059, in the node's order: newest first): the items after the item
     * {@code after} (older), those just before the item {@code before} (newer; an empty id: the last
     * page, §2.5), or from {@code index} on (§2.6); with neither id, from the newest.
     */
    record Paging(String after, String before, int index) {
        public static final Paging FIRST = new Paging(null, null, 0);
    }

    /** One service's nodes, with their newest items, in one read. */
    List<StoredNode> nodes(Jid service);

    /** Creates the node or replaces its configuration, affiliations and subscriptions (its items stay). */
    void saveNode(Jid service, StoredNode node);

    /** Deletes the node with its items. */
    void deleteNode(Jid service, String node);

    /** Stores the item as the node's newest (replacing one with its id), then keeps the newest {@code maxItems}. */
    void publish(Jid service, String node, Item item, long maxItems);

    /** Up to {@code max} items where {@code paging} says; null when its {@code after} or {@code before} item is not there. */
    Page items(Jid service, String node, int max, Paging paging);

    /** The items with these ids, newest first. */
    List<Item> items(Jid service, String node, Collection<String> ids);

    /** Removes an item; false when the node has none with that id. */
    boolean retract(Jid service, String node, String itemId);

    /** Removes every item of the node. */
    void purge(Jid service, String node);

    /** Removes every node of a service (an account's PEP when the account is deleted). */
    void deleteService(Jid service);
}
