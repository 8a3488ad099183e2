package im.parley.modules.muc;

import im.parley.xml.Element;
import im.parley.xmpp.Jid;

/**
 * Someone in a room: the nick, the real full JID the room routes to, and the presence they last
 * sent (its children, without the MUC join element), which the room shows the others; the
 * occupant id (XEP-0421) the room gives their bare JID.
 */
record Occupant(String nick, Jid realJid, Affiliation affiliation, Role role, Element presence, String occupantId) {
    Occupant withNick(String newNick) {
        return new Occupant(newNick, realJid, affiliation, role, presence, occupantId);
    }

    Occupant with(Affiliation newAffiliation, Role newRole) {
        return new Occupant(nick, realJid, newAffiliation, newRole, presence, occupantId);
    }

    Occupant withPresence(Element newPresence) {
        return new Occupant(nick, realJid, affiliation, role, newPresence, occupantId);
    }
}
