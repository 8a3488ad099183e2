package im.parley.module;

import im.parley.xmpp.Stanza;
import java.net.InetSocketAddress;

/**
 * An IQ request with where it came from: {@code iq.from()} is the sender's full JID (null on an
 * unauthenticated stream), {@code iq.to()} the addressee (the sender's bare JID when the client
 * left 'to' out; the stream's host before authentication).
 */
public record IqRequest(Stanza iq, Origin origin) {
    /** The peer's address, or null when the server itself asks. */
    public InetSocketAddress remoteAddress() {
        return origin.remoteAddress();
    }
}
