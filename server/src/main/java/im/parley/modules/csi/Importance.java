package im.parley.modules.csi;

import im.parley.session.ClientSession;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import java.util.Set;

/**
 * What an inactive client gets at once and what waits (XEP-0352 §4's examples): presence
 * updates wait, the newest per sender's full JID; standalone chat states (XEP-0085) wait, the
 * newest per conversation, also inside a carbon (XEP-0280), since a user's other devices get one
 * for every chat state they exchange. Everything else goes at once: IQs, errors, subscription
 * requests and answers, messages with a body, a subject (the end of a room join, which then
 * follows the room's presences it flushes), or any other payload: encrypted ones (OMEMO,
 * OpenPGP), invitations, and receipts and chat markers (XEP-0184, XEP-0333), which the XEP does
 * not list as held and which tell the user their message arrived or was read, and clear
 * notifications a user's other devices show. Whatever goes at once first sends what was held
 * (the session does): the device is woken anyway, and the client sees everything in order.
 */
final class Importance implements ClientSession.HoldPolicy {
    static final String CHAT_STATES = "http://jabber.org/protocol/chatstates";
    static final String CARBONS = "urn:xmpp:carbons:2";
    static final String FORWARD = "urn:xmpp:forward:0";
    private static final String JABBER_CLIENT = "jabber:client";
    /** Payloads a standalone chat state may carry beside it: hints, stable ids, delay. */
    private static final Set<String> BESIDE_CHAT_STATE = Set.of(CHAT_STATES, "urn:xmpp:hints", "urn:xmpp:sid:0",
            "urn:xmpp:delay");

    /** Held presence: the newest per sender. */
    record PresenceFrom(Jid from) {
    }

    /** A held chat state: the newest per sender and recipient (of the carbon's message, for a carbon). */
    record ChatState(String from, String to) {
    }

    private final CsiConfig config;

    Importance(CsiConfig config) {
        this.config = config;
    }

    @Override
    public int maxHeld() {
        return config.maxHeldStanzas();
    }

    @Override
    public Object holdKey(Stanza stanza) {
        Element element = stanza.element();
        return switch (stanza.kind()) {
            case PRESENCE -> config.holdPresence() && isUpdate(stanza.type()) ? new PresenceFrom(stanza.from()) : null;
            case MESSAGE -> config.holdChatStates() && !stanza.type().equals("error") ? chatState(element) : null;
            case IQ -> null;
        };
    }

    /** Available and unavailable presence; subscriptions, probes and errors are never held. */
    private static boolean isUpdate(String type) {
        return type.equals("available") || type.equals("unavailable");
    }

    /** The key of a standalone chat state, direct or carried by a carbon; null for any other message. */
    private static Object chatState(Element message) {
        Element carried = carbonCopied(message);
        Element inner = carried == null ? message : carried;
        return isStandaloneChatState(inner) ? new ChatState(inner.attribute("from"), inner.attribute("to")) : null;
    }

    /** The message a carbon carries, or null when {@code message} is no carbon. */
    private static Element carbonCopied(Element message) {
        Element wrapper = message.child("received", CARBONS);
        if (wrapper == null) {
            wrapper = message.child("sent", CARBONS);
        }
        Element forwarded = wrapper == null ? null : wrapper.child("forwarded", FORWARD);
        if (forwarded == null) {
            return null;
        }
        for (Element child : forwarded.elements()) {
            if (child.name().equals("message") && isStanzaNamespace(child.namespace())) {
                return child;
            }
        }
        return null;
    }

    /** A chat state and nothing else that means something: hints, ids, a thread at most. */
    private static boolean isStandaloneChatState(Element message) {
        boolean chatState = false;
        for (Element child : message.elements()) {
            if (child.namespace().equals(CHAT_STATES)) {
                chatState = true;
            } else if (!BESIDE_CHAT_STATE.contains(child.namespace())
                    && !(child.name().equals("thread") && isStanzaNamespace(child.namespace()))) {
                return false;
            }
        }
        return chatState;
    }

    private static boolean isStanzaNamespace(String namespace) {
        return namespace.equals(Namespaces.STANZA) || namespace.equals(JABBER_CLIENT);
    }
}
