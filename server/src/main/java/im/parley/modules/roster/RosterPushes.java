package im.parley.modules.roster;

import im.parley.session.LocalSessions;
import im.parley.session.Session;
import im.parley.session.SessionKey;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Roster pushes (RFC 6121 §2.1.6) to a user's "interested" resources: those that requested the
 * roster in this session (§2.2). A resource that asked with a version gets versions in pushes.
 */
final class RosterPushes {
    /** Set on a session by its roster get; true when the client uses roster versioning (§2.6). */
    static final SessionKey<Boolean> INTERESTED = new SessionKey<>("roster-interested");

    private final LocalSessions sessions;
    private final AtomicLong ids = new AtomicLong();

    RosterPushes(LocalSessions sessions) {
        this.sessions = sessions;
    }

    static void markInterested(Session session, boolean versioning) {
        session.put(INTERESTED, versioning);
    }

    /** Sends the changed (or removed) item to each interested resource of the owner. */
    void push(Jid owner, Element item, long version) {
        for (Session session : sessions.sessionsOf(owner)) {
            Boolean versioning = session.get(INTERESTED);
            if (versioning != null) {
                session.deliver(push(owner, session.jid(), item, versioning ? Long.toString(version) : null));
            }
        }
    }

    /** Sends one resource a change it missed while it was away (§2.6.3), with that change's version. */
    void catchUp(Session session, RosterChange change) {
        session.deliver(push(session.jid().bare(), session.jid(), change.item(), Long.toString(change.version())));
    }

    private Stanza push(Jid owner, Jid to, Element item, String version) {
        Element query = Element.builder("query", RosterItem.NAMESPACE).attribute("ver", version).child(item).build();
        return Stanza.of(Element.builder("iq", Namespaces.STANZA).attribute("type", "set")
                .attribute("id", "push-" + ids.incrementAndGet()).child(query).build())
                .withAddresses(owner.bare(), to);
    }
}
