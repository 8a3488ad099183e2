package im.parley.modules.muc;

import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import java.util.ArrayList;
import java.util.List;

/**
 * Someone in a room: the nick, the sessions (real full JIDs) the room routes to, and the presence
 * they last sent (its children, without the MUC join element), which the room shows the others;
 * the occupant id (XEP-0421) the room gives their bare JID. One account may be in a room from
 * several devices under one nick (multi-session nicks): one occupant, every session gets what the
 * occupant gets.
 */
record Occupant(String nick, List<Jid> sessions, Affiliation affiliation, Role role, Element presence,
        String occupantId) {
    Occupant {
        sessions = List.copyOf(sessions);
    }

    /** The session that entered first: the real JID the room shows and forwards requests to. */
    Jid realJid() {
        return sessions.get(0);
    }

    Occupant withNick(String newNick) {
        return new Occupant(newNick, sessions, affiliation, role, presence, occupantId);
    }

    Occupant with(Affiliation newAffiliation, Role newRole) {
        return new Occupant(nick, sessions, newAffiliation, newRole, presence, occupantId);
    }

    Occupant withPresence(Element newPresence) {
        return new Occupant(nick, sessions, affiliation, role, newPresence, occupantId);
    }

    Occupant withSession(Jid session) {
        List<Jid> more = new ArrayList<>(sessions);
        more.add(session);
        return new Occupant(nick, more, affiliation, role, presence, occupantId);
    }

    Occupant withoutSession(Jid session) {
        return new Occupant(nick, sessions.stream().filter(s -> !s.equals(session)).toList(), affiliation, role,
                presence, occupantId);
    }
}
