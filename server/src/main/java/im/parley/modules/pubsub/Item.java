package im.parley.modules.pubsub;

import im.parley.xml.Element;
import im.parley.xmpp.Jid;

/**
 * A published item (XEP-0060 §7.1): its id, who published it, and its payload (null on a
 * notification-only node, which keeps ids only).
 */
public record Item(String id, Jid publisher, Element payload) {
    /** The {@code <item/>} of a result or notification, in {@code namespace}; with its payload unless {@code bare}. */
    public Element toElement(String namespace, boolean withPayload) {
        return Element.builder("item", namespace).attribute("id", id)
                .attribute("publisher", publisher == null ? null : publisher.toString())
                .child(withPayload ? payload : null).build();
    }
}
