package im.parley.modules.offline;

import im.parley.xml.Element;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;

/**
 * Which undeliverable messages are kept for later (XEP-0160 §3). The router offers only
 * messages of type normal and chat, so what is left to decide is their content.
 */
enum OfflinePolicy {
    /** Keep it and deliver it when the user comes online. */
    STORE,
    /**
     * Drop it without an error: it carries nothing worth delivering later, e.g. a standalone chat
     * state, which XEP-0160 §3 and XEP-0085 say SHOULD NOT be stored.
     */
    DISCARD,
    /** Do not keep it: the sender asked so with a XEP-0334 no-store hint and gets an error instead. */
    REFUSE;

    /** XEP-0334 message processing hints. */
    static final String HINTS = "urn:xmpp:hints";
    /** XEP-0085 chat state notifications. */
    static final String CHAT_STATES = "http://jabber.org/protocol/chatstates";
    /** XEP-0184 message delivery receipts. */
    static final String RECEIPTS = "urn:xmpp:receipts";

    static OfflinePolicy of(Stanza message) {
        Element element = message.element();
        if (element.child("no-store", HINTS) != null) {
            return REFUSE;
        }
        if (element.child("store", HINTS) != null) {
            return STORE;
        }
        return element.elements().stream().allMatch(OfflinePolicy::isTransient) ? DISCARD : STORE;
    }

    /**
     * Content that means nothing without the rest of a conversation: chat states, hints, a thread
     * id and a receipt request. A receipt itself ({@code <received/>}) is kept: it tells the
     * user that a message of theirs arrived.
     */
    private static boolean isTransient(Element child) {
        String ns = child.namespace();
        return ns.equals(CHAT_STATES) || ns.equals(HINTS)
                || child.is("thread", Namespaces.STANZA)
                || child.is("request", RECEIPTS);
    }
}
