package im.parley.modules.muc;

/** The namespaces of XEP-0045, of the service discovery it answers, and of the extensions rooms take. */
final class Muc {
    static final String NS = "http://jabber.org/protocol/muc";
    static final String USER = NS + "#user";
    static final String OWNER = NS + "#owner";
    static final String ADMIN = NS + "#admin";
    static final String REQUEST = NS + "#request";
    static final String REGISTER = NS + "#register";
    /** XEP-0077 in-band registration, with which a user reserves a nick in a room (§7.10). */
    static final String IQ_REGISTER = "jabber:iq:register";
    /** §7.12: the disco#info node at which a user learns its reserved nick. */
    static final String ROOMUSER_NODE = "x-roomuser-item";
    static final String PING = "urn:xmpp:ping";
    /** XEP-0425 moderated message retraction, and the XEP-0424 retraction it announces. */
    static final String MODERATE = "urn:xmpp:message-moderate:1";
    static final String RETRACT = "urn:xmpp:message-retract:1";
    /**
     * Version 0 of both, wrapped in XEP-0422 fastening: what Debian's slixmpp (so poezio) sends and
     * reads, and all ejabberd 23.01 speaks; rooms accept and announce both versions.
     */
    static final String MODERATE_0 = "urn:xmpp:message-moderate:0";
    static final String RETRACT_0 = "urn:xmpp:message-retract:0";
    static final String FASTEN = "urn:xmpp:fasten:0";
    static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";

    private Muc() {
    }
}
