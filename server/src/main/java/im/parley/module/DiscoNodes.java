package im.parley.module;

import im.parley.xmpp.Jid;
import java.util.List;

/**
 * Nodes of the server's JID that a module describes in service discovery (XEP-0030 §3.2 and
 * §4.2), e.g. XEP-0050's command list and one node per command. Answers may depend on the
 * requester (a command list shows only the commands it may run).
 */
public interface DiscoNodes {
    /** The identities and features of a node of {@code host} (the domain asked), or null when this module has no such node. */
    Info info(Jid requester, Jid host, String node);

    /** The items of a node of {@code host} (the domain asked), or null when this module has no such node. */
    List<Item> items(Jid requester, Jid host, String node);

    /**
     * What the module adds to the items of the entity itself (a disco#items query without a node),
     * for the requester: XEP-0060 §5.2's nodes of the PEP service at an account's bare JID. None by default.
     */
    default List<Item> entityItems(Jid requester, Jid entity) {
        return List.of();
    }

    /** A node's disco#info. */
    record Info(List<Identity> identities, List<String> features) {
        public Info {
            identities = List.copyOf(identities);
            features = List.copyOf(features);
        }
    }

    /** One disco#items entry: an entity and optionally one of its nodes, with a human-readable name. */
    record Item(Jid jid, String node, String name) {
    }
}
