package im.parley.xmpp;

/** XML namespaces of the core protocol (RFC 6120) used across packages; features keep their own. */
public final class Namespaces {
    public static final String STREAMS = "http://etherx.jabber.org/streams";
    public static final String CLIENT = "jabber:client";
    public static final String STREAM_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";
    public static final String STANZA_ERRORS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    public static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    public static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    public static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    public static final String SESSION = "urn:ietf:params:xml:ns:xmpp-session";
    /** XEP-0440: SASL channel-binding type capability. */
    public static final String SASL_CHANNEL_BINDING = "urn:xmpp:sasl-cb:0";
    /** XEP-0203: delayed delivery. */
    public static final String DELAY = "urn:xmpp:delay";

    private Namespaces() {
    }
}
