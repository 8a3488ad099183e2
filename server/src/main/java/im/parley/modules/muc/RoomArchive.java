package im.parley.modules.muc;

import im.parley.modules.mam.ArchiveAccess;
import im.parley.modules.mam.StanzaIds;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A room's archive (XEP-0313 "MUC archives", kept while muc#roomconfig_enablelogging is on): each
 * groupchat message and subject change the room accepts, stored once at the room's bare JID under
 * the {@code <stanza-id/>} (XEP-0359) every occupant gets on it. The stored copy also carries the
 * sender's real JID in a muc#user item (XEP-0313 §7.2.2), shown only to requesters who may see real
 * JIDs; the items' 'with' is the sender's real bare JID.
 */
final class RoomArchive {
    private final Jid room;
    private final ArchiveAccess archive;

    RoomArchive(Jid room, ArchiveAccess archive) {
        this.room = room;
        this.archive = archive;
    }

    /** A client's message without the ids it claims the room gave (XEP-0359 §4) or a muc#user element (XEP-0313 §9.2). */
    Element withoutClaims(Element message) {
        return StanzaIds.without(message, room).withoutChildren(child -> child.is("x", Muc.USER));
    }

    /**
     * Archives the message the room is about to send (from {@code room/nick}, without 'to'), sent by
     * {@code sender} (a real full JID), and returns it stamped with its archive id.
     */
    Element archived(Element message, Jid sender) {
        String id = archive.reserve(room);
        Element stamped = StanzaIds.with(message, room, id);
        archive.write(room, id, sender.bare(), stamped.toBuilder().child(Element.builder("x", Muc.USER)
                .child(Element.builder("item", Muc.USER).attribute("jid", sender.toString()).build()).build()).build());
        return stamped;
    }

    /** The archived message of this id becomes {@code tombstone} of it (XEP-0425 §5). */
    void bury(String id, UnaryOperator<Element> tombstone) {
        archive.replace(room, id, tombstone);
    }

    /** The latest archived messages with a body, oldest first, as occupants got them (no real JIDs). */
    List<ArchiveAccess.Archived> latestMessages(int max) {
        return archive.latest(room, max).stream().filter(a -> a.message().child("body", Namespaces.STANZA) != null)
                .map(a -> new ArchiveAccess.Archived(a.message().withoutChildren(child -> child.is("x", Muc.USER)), a.at()))
                .toList();
    }

    /** Removes the whole archive (the room is destroyed). */
    void forget() {
        archive.forget(room);
    }

    /** The room's archive as one requester reads it: real JIDs (and the 'with' filter, by them) only when it may see them. */
    static ArchiveAccess.View view(boolean seesJids) {
        return seesJids ? ArchiveAccess.View.WHOLE
                : new ArchiveAccess.View(item -> item.withoutChildren(child -> child.is("x", Muc.USER)), false);
    }
}
