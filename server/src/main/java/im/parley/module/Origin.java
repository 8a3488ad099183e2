package im.parley.module;

import im.parley.session.Session;
import im.parley.xmpp.Jid;
import java.net.InetSocketAddress;

/**
 * Where a stanza entered the server: a client's session, a peer of another kind, or the server
 * itself (a module's own stanza, an error the router bounced). A client's origin is made once
 * per session, so carrying it costs nothing per stanza. It names the sender and never hands out
 * the sender's session: hooks and listeners of other users' stanzas must not act on it.
 *
 * @param jid the client's full JID, a component's domain, or null for every other kind and before a client binds
 * @param remoteAddress the peer's address, or null for the server itself
 */
public record Origin(Kind kind, Jid jid, InetSocketAddress remoteAddress) {
    /** The kinds of peer a stanza can come from (RFC 6120 client and server streams, XEP-0114 components). */
    public enum Kind { CLIENT, SERVER, COMPONENT, LOCAL }

    /** The server itself, e.g. a module answering or notifying. */
    public static final Origin LOCAL = new Origin(Kind.LOCAL, null, null);

    /** A bound client session. */
    public static Origin client(Session session, InetSocketAddress remoteAddress) {
        return new Origin(Kind.CLIENT, session.jid(), remoteAddress);
    }

    /** A stanza from a remote server, over a server-to-server stream that authenticated its 'from' domain. */
    public static Origin server(InetSocketAddress remoteAddress) {
        return new Origin(Kind.SERVER, null, remoteAddress);
    }

    /** An external component's stream (XEP-0114), made once when its handshake succeeds. */
    public static Origin component(String domain, InetSocketAddress remoteAddress) {
        return new Origin(Kind.COMPONENT, Jid.domain(domain), remoteAddress);
    }

    /** A client stream that has not bound a session yet (only in-band registration acts on it). */
    public static Origin unauthenticated(InetSocketAddress remoteAddress) {
        return new Origin(Kind.CLIENT, null, remoteAddress);
    }
}
