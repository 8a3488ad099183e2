package im.parley.modules.pubsub;

import im.parley.xmpp.Jid;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node while its service is in memory: its configuration, affiliations, subscriptions and last
 * item, read by notifications without the store. Changed under its own lock ({@code synchronized
 * (node)}), stored before the change is visible to other requests; read without the lock too (access
 * checks, lists), hence concurrent maps and volatile fields.
 */
final class Node {
    final String name;
    volatile NodeConfig config;
    /** By bare JID; NONE is never kept. */
    final Map<Jid, Affiliation> affiliations;
    /** By subscriber JID (bare or full). */
    final Map<Jid, Subscription> subscriptions;
    /** The newest item, kept for XEP-0163's last item on presence (also of a node that does not persist items). */
    volatile Item lastItem;
    volatile boolean deleted;

    Node(PubsubStore.StoredNode stored) {
        this.name = stored.name();
        this.config = stored.config();
        this.affiliations = new ConcurrentHashMap<>(stored.affiliations());
        this.subscriptions = new ConcurrentHashMap<>(stored.subscriptions());
        this.lastItem = stored.lastItem();
    }

    PubsubStore.StoredNode stored() {
        return new PubsubStore.StoredNode(name, config, Map.copyOf(affiliations), Map.copyOf(subscriptions), lastItem);
    }
}
