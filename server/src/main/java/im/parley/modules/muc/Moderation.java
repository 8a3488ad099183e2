package im.parley.modules.muc;

import im.parley.modules.mam.StanzaIds;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import java.time.Instant;
import java.util.ArrayList;
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

    /** Who retracted, as the occupants know them: the room JID of the moderator and its occupant id. */
    record Moderator(Jid jid, String occupantId) {
        /** {@code <moderated by='room/nick'><occupant-id/>...</moderated>} in one version's namespace. */
        Element moderated(String namespace, List<Element> more) {
            return Element.builder("moderated", namespace).attribute("by", jid.toString())
                    .child(OccupantIds.element(occupantId)).children(more).build();
        }
    }

    /**
     * §3.1: the groupchat message from the room retracting the message of this stanza-id, in both
     * versions: version 1's {@code <retract id>} and version 0's {@code <apply-to id>} fastening.
     */
    static Element announcement(Jid room, String id, Moderator moderator, String reason) {
        return Element.builder("message", Namespaces.STANZA).attribute("type", "groupchat")
                .attribute("from", room.toString())
                .child(Element.builder("retract", Muc.RETRACT).attribute("id", id)
                        .child(moderator.moderated(Muc.MODERATE, List.of())).children(reason(Muc.RETRACT, reason))
                        .build())
                .child(Element.builder("apply-to", Muc.FASTEN).attribute("id", id)
                        .child(moderator.moderated(Muc.MODERATE_0, version0(Element.builder("retract", Muc.RETRACT_0)
                                .build(), reason)))
                        .build())
                .build();
    }

    /** §5: the retracted message as archived and in the history from now on, in both versions. */
    static Element tombstone(Element message, Moderator moderator, String reason, Instant at) {
        String stamp = at.toString();
        return message.withoutChildren(child -> !KEPT.contains(child.namespace())).toBuilder()
                .child(Element.builder("retracted", Muc.RETRACT).attribute("stamp", stamp)
                        .child(moderator.moderated(Muc.MODERATE, List.of())).children(reason(Muc.RETRACT, reason))
                        .build())
                .child(moderator.moderated(Muc.MODERATE_0, version0(Element.builder("retracted", Muc.RETRACT_0)
                        .attribute("stamp", stamp).build(), reason)))
                .build();
    }

    /** Version 0 puts the retraction and the reason inside {@code <moderated>}. */
    private static List<Element> version0(Element retraction, String reason) {
        List<Element> children = new ArrayList<>(List.of(retraction));
        children.addAll(reason(Muc.MODERATE_0, reason));
        return children;
    }

    private static List<Element> reason(String namespace, String reason) {
        return reason == null ? List.of()
                : List.of(Element.builder("reason", namespace).text(reason).build());
    }
}
