package im.parley.modules.pubsub;

import im.parley.xmpp.Jid;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What differs between pubsub services: PEP (XEP-0163), where each account is a service it owns,
 * nodes are made by publishing, access follows its roster and notifications follow presence and
 * {@code +notify} capabilities; and the {@code pubsub.<host>} service of XEP-0060, where nodes are
 * created and subscribed to explicitly.
 */
public interface ServicePolicy {
    /** Where a requester stands in the service owner's roster, for the presence and roster access models. */
    record Contact(boolean subscribed, Set<String> groups) {
        public static final Contact NONE = new Contact(false, null);

        public boolean inRoster() {
            return groups != null;
        }
    }

    /** Whether an entity may read a node: its bare JID and where it stands in the owner's roster. */
    @FunctionalInterface
    interface Access {
        boolean mayRead(Jid requester, Contact contact);
    }

    /** Whether the bare JID {@code requester} owns every node of {@code service} (the account of its PEP service). */
    boolean ownsService(Jid service, Jid requester);

    /** Whether publishing to a node that does not exist creates it (XEP-0163 §3, auto-create). */
    boolean createsOnPublish();

    /** Whether {@code requester} (bare) may create nodes at {@code service}. */
    boolean mayCreate(Jid service, Jid requester);

    /**
     * Whether node owners answer subscription requests here (the authorize access model, XEP-0060
     * §8.6): the service must be where their submitted forms arrive, which a PEP service, an
     * account's own bare JID, is not.
     */
    boolean approvesSubscriptions();

    /** A new node's configuration before what its creator asks for. */
    NodeConfig defaults();

    /** The most items a node keeps, whatever its pubsub#max_items says (also what {@code max} means). */
    long maxItems();

    /** Where {@code requester} (bare) stands in the roster of the owner of {@code service}. */
    Contact contact(Jid service, Jid requester);

    /**
     * Adds to {@code recipients} the full JIDs that get the node's notifications besides its
     * explicit subscribers, each one that {@code access} lets read it (PEP: the owner's resources
     * and its contacts' whose capabilities ask for {@code node+notify}, XEP-0163 §4.3).
     */
    void interested(Jid service, String node, Access access, Consumer<Jid> recipients);
}
