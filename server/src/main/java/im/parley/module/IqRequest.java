package im.parley.module;

import im.parley.xmpp.Stanza;
import java.net.InetSocketAddress;

/**
 * An IQ request with where it came from: {@code iq.from()} is the sender's full JID (null on an
 * unauthenticated stream), {@code iq.to()} the addressee (the sender's bare JID when the client
 * left 'to' out).
 */
public record IqRequest(Stanza iq, InetSocketAddress remoteAddress) {
}
