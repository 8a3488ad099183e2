package im.parley.module;

import im.parley.session.Session;
import java.net.InetSocketAddress;

/**
 * Where a stanza entered the server: a client's session, a peer of another kind, or the server
 * itself (a module's own stanza, an error the router bounced). A client's origin is made once
 * per session, so carrying it costs nothing per stanza.
 *
 * @param session the client session it came from, or null for every other kind
 * @param remoteAddress the peer's address, or null for the server itself
 */
public record Origin(Kind kind, Session session, InetSocketAddress remoteAddress) {
    /** The kinds of peer a stanza can come from (RFC 6120 client and server streams, XEP-0114 components). */
    public enum Kind { CLIENT, SERVER, COMPONENT, LOCAL }

    /** The server itself, e.g. a module answering or notifying. */
    public static final Origin LOCAL = new Origin(Kind.LOCAL, null, null);

    /** A bound client session. */
    public static Origin client(Session session, InetSocketAddress remoteAddress) {
        return new Origin(Kind.CLIENT, session, remoteAddress);
    }

    /** A client stream that has not bound a session yet (only in-band registration acts on it). */
    public static Origin unauthenticated(InetSocketAddress remoteAddress) {
        return new Origin(Kind.CLIENT, null, remoteAddress);
    }

    public boolean isClient() {
        return kind == Kind.CLIENT;
    }
}
