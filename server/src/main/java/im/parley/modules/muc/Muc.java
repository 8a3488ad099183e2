package im.parley.modules.muc;

/** The namespaces of XEP-0045 and of the service discovery it answers. */
final class Muc {
    static final String NS = "http://jabber.org/protocol/muc";
    static final String USER = NS + "#user";
    static final String OWNER = NS + "#owner";
    static final String ADMIN = NS + "#admin";
    static final String REQUEST = NS + "#request";
    static final String PING = "urn:xmpp:ping";
    static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";

    private Muc() {
    }
}
