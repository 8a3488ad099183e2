package im.parley.modules.muc;

import im.parley.modules.mam.StanzaIds;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The stanzas of moderated message retraction (XEP-0425): the retraction a room announces to its
 * occupants, and the tombstone that takes the retracted message's place in the archive and the
 * history: the message with its ids (XEP-0359, XEP-0421), the sender's muc#user item and delay
 * stamp, and nothing of its content.
 */
final class Moderation {
    /** What a tombstone keeps of the message: its ids, who sent it, when. */
    private static final Set<String> KEPT = Set.of(StanzaIds.NAMESPACE, OccupantIds.NS, Muc.USER, Namespaces.DELAY);

    private Moderation() {
    }

    /** {@code <moderated by='room/nick'><occupant-id/></moderated>}: who retracted, as the occupants know them. */
    static Element moderated(Jid moderator, String occupantId) {
        return Element.builder("moderated", Muc.MODERATE).attribute("by", moderator.toString())
                .child(OccupantIds.element(occupantId)).build();
    }

    /** §3.1: the groupchat message from the room retracting the message of this stanza-id. */
    static Element announcement(Jid room, String id, Element moderated, String reason) {
        return Element.builder("message", Namespaces.STANZA).attribute("type", "groupchat")
                .attribute("from", room.toString())
                .child(Element.builder("retract", Muc.RETRACT).attribute("id", id).child(moderated)
                        .children(reason(reason)).build())
                .build();
    }

    /** §5: the retracted message as archived and in the history from now on. */
    static Element tombstone(Element message, Element moderated, String reason, Instant at) {
        return message.withoutChildren(child -> !KEPT.contains(child.namespace())).toBuilder()
                .child(Element.builder("retracted", Muc.RETRACT).attribute("stamp", at.toString()).child(moderated)
                        .children(reason(reason)).build())
                .build();
    }

    private static List<Element> reason(String reason) {
        return reason == null ? List.of()
                : List.of(Element.builder("reason", Muc.RETRACT).text(reason).build());
    }
}
