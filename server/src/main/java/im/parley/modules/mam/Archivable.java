package im.parley.modules.mam;

import im.parley.xml.Element;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import java.util.Set;

/**
 * Which one-to-one messages go into the archive: XEP-0313 §7.1.1 (messages of type normal or chat
 * with a body, and other content that supplements a conversation) under the XEP-0334 hints (§4:
 * {@code <no-permanent-store/>} and {@code <no-store/>} keep a message out, {@code <store/>} puts
 * it in whatever its content).
 */
final class Archivable {
    static final String HINTS = "urn:xmpp:hints";
    /** XEP-0424 message retraction. */
    static final String RETRACT = "urn:xmpp:message-retract:1";

    /**
     * Namespaces whose content is part of a conversation without a body: receipts (XEP-0184) and
     * chat markers (XEP-0333) tell when a message arrived or was read, a retraction (XEP-0424) and
     * encrypted content (XEP-0384 OMEMO, both versions, XEP-0373 OpenPGP, XEP-0027) are messages.
     */
    private static final Set<String> CONVERSATION = Set.of(
            "urn:xmpp:receipts",
            "urn:xmpp:chat-markers:0",
            RETRACT,
            "eu.siacs.conversations.axolotl",
            "urn:xmpp:omemo:2",
            "urn:xmpp:openpgp:0",
            "jabber:x:encrypted");

    private Archivable() {
    }

    static boolean isArchivable(Stanza message) {
        String type = message.type();
        if (type != null && !type.equals("chat") && !type.equals("normal")) {
            return false;
        }
        Element element = message.element();
        if (element.child("no-permanent-store", HINTS) != null || element.child("no-store", HINTS) != null) {
            return false;
        }
        return element.child("store", HINTS) != null || element.elements().stream().anyMatch(Archivable::isConversation);
    }

    /** A receipt request ({@code <request/>}) and a markable flag ask for something; they are no content. */
    private static boolean isConversation(Element child) {
        return child.is("body", Namespaces.STANZA)
                || CONVERSATION.contains(child.namespace()) && !child.name().equals("request")
                && !child.name().equals("markable");
    }
}
