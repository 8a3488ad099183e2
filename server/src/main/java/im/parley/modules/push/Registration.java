package im.parley.modules.push;

import im.parley.xml.Element;
import im.parley.xmpp.Jid;

/**
 * An app server's push service a user's client enabled (XEP-0357 §5): its JID and node, and the
 * publish options (a {@code pubsub#publish-options} data form, or null) to send with every push.
 *
 * @param account the user's bare JID
 * @param node the node, empty when the client named none
 */
record Registration(Jid account, Jid service, String node, Element publishOptions) {
    /** What identifies a registration of an account: a service and a node (§5: enabling it again replaces it). */
    record Target(Jid account, Jid service, String node) {
    }

    Target target() {
        return new Target(account, service, node);
    }
}
