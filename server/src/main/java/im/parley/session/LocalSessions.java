package im.parley.session;

import im.parley.xmpp.Jid;
import java.util.List;

/** The bound sessions of local users, read-only: what modules may look up (no binding or unbinding). */
public interface LocalSessions {
    /** The session bound to this full JID, or null. */
    Session get(Jid fullJid);

    /** The sessions of one account (all its resources). */
    List<Session> sessionsOf(Jid bareJid);

    /** How many sessions are bound. */
    int count();

    /** Every bound session (administration). */
    List<Session> all();
}
