package im.parley.modules.carbons;

import im.parley.xml.Element;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;

/**
 * Which messages are copied (XEP-0280 §6.1): instant messages, never a message marked private or
 * no-copy (XEP-0334), a groupchat message, or a carbon itself.
 */
final class Eligibility {
    /** Which way the message goes for the user whose resources get the copies. */
    enum Direction { SENT, RECEIVED }

    static final String HINTS = "urn:xmpp:hints";
    static final String MUC_USER = "http://jabber.org/protocol/muc#user";
    /** Payloads typically used in IM (§6.1): receipts, chat states, chat markers, direct MUC invitations. */
    private static final java.util.Set<String> IM_PAYLOADS = java.util.Set.of("urn:xmpp:receipts",
            "http://jabber.org/protocol/chatstates", "urn:xmpp:chat-markers:0", "jabber:x:conference");

    private Eligibility() {
    }

    static boolean copied(Stanza message, Direction direction) {
        Element e = message.element();
        if (e.child("private", CarbonsModule.NAMESPACE) != null || e.child("no-copy", HINTS) != null
                || e.child("sent", CarbonsModule.NAMESPACE) != null || e.child("received", CarbonsModule.NAMESPACE) != null) {
            return false;
        }
        String type = message.type();
        if (type.equals("groupchat")) {
            return false;
        }
        Element mucUser = e.child("x", MUC_USER);
        if (mucUser != null && direction == Direction.RECEIVED && mucUser.child("invite", MUC_USER) == null) {
            // A private message from a room occupant: the room already sends it to every joined client.
            return false;
        }
        return switch (type) {
            case "chat" -> true;
            // An error answering an eligible message carries that message's payload back (RFC 6120 §8.3.1).
            case "normal", "error" -> e.child("body", Namespaces.STANZA) != null || hasImPayload(e);
            default -> hasImPayload(e);
        };
    }

    /** A payload of IM (§6.1), or a mediated MUC invitation (§6.1.1). */
    private static boolean hasImPayload(Element message) {
        for (Element child : message.elements()) {
            if (IM_PAYLOADS.contains(child.namespace())
                    || child.is("x", MUC_USER) && child.child("invite", MUC_USER) != null) {
                return true;
            }
        }
        return false;
    }
}
