package im.parley.xmpp;

import im.parley.xml.Element;

/** XML namespaces of the core protocol (RFC 6120) used across packages; features keep their own. */
public final class Namespaces {
    public static final String STREAMS = "http://etherx.jabber.org/streams";
    /**
     * The client stream's content namespace (RFC 6120 §4.8.3). Only the client transport writes and
     * checks it: inside the server stanzas are in {@link #STANZA}.
     */
    public static final String CLIENT = "jabber:client";
    /** An external component's stream content namespace (XEP-0114, the component connects to the server). */
    public static final String COMPONENT_ACCEPT = "jabber:component:accept";
    /**
     * The namespace of stanzas inside the server, and of their descendants in the same namespace
     * ({@code <body>}, {@code <error>}): the content namespace of whatever stream the stanza is
     * written to, {@code jabber:client}, {@code jabber:server} or {@code jabber:component:accept}.
     * It is {@link Element#CONTENT_NAMESPACE}, the empty string: the parser maps a stream's content
     * namespace to it and the writer maps it back, so one stanza object can be routed to client,
     * server and component streams alike. A forwarded payload (XEP-0297) keeps the namespace it was
     * written in.
     */
    public static final String STANZA = Element.CONTENT_NAMESPACE;
    public static final String STREAM_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";
    public static final String STANZA_ERRORS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    public static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    public static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    public static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    public static final String SESSION = "urn:ietf:params:xml:ns:xmpp-session";
    /** XEP-0440: SASL channel-binding type capability. */
    public static final String SASL_CHANNEL_BINDING = "urn:xmpp:sasl-cb:0";
    /** XEP-0388: Extensible SASL Profile (SASL2). */
    public static final String SASL2 = "urn:xmpp:sasl:2";
    /** XEP-0386: Bind 2. */
    public static final String BIND2 = "urn:xmpp:bind:0";
    /** XEP-0203: delayed delivery. */
    public static final String DELAY = "urn:xmpp:delay";

    private Namespaces() {
    }
}
