package im.parley.modules.muc;

import im.parley.xml.Element;
import im.parley.xmpp.Jid;

/**
 * Someone in a room: the nick, the real full JID the room routes to, and the presence they last
 * sent (its children, without the MUC join element), which the room shows the others.
 */
record Occupant(String nick, Jid realJid, Affiliation affiliation, Role role, Element presence) {
    Occupant withNick(String newNick) {
        return new Occupant(newNick, realJid, affiliation, role, presence);
    }

    Occupant with(Affiliation newAffiliation, Role newRole) {
        return new Occupant(nick, realJid, newAffiliation, newRole, presence);
    }

    Occupant withPresence(Element newPresence) {
        return new Occupant(nick, realJid, affiliation, role, newPresence);
    }
}
