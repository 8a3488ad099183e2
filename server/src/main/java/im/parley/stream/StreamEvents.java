package im.parley.stream;

import im.parley.xml.Element;
import im.parley.xmpp.StreamError;

/**
 * What the transport tells the stream it carries (a client's, a component's, a server's): the
 * parsed input and what happens to the connection. Called on the connection's event loop (but
 * {@link #outboundFull} on the sender's thread); an implementation hands anything that may block
 * to a thread of its own.
 */
public interface StreamEvents {
    /** The peer opened a stream whose framing (namespaces) the transport has checked. */
    void streamOpened(Element header);

    /** One top-level element of the stream. */
    void element(Element element);

    /** The peer closed its stream (its closing tag). */
    void streamClosed();

    /** The parser rejected the input (restricted-xml, not-well-formed, policy-violation...), or the header. */
    void xmlError(StreamError error, String text);

    /** The connection is gone. */
    void disconnected();

    /** Not authenticated in time ({@link #isAuthenticated} said no), or no traffic for the idle timeout. */
    void timedOut(String why);

    /** The peer reads slower than it is sent to and {@code maxQueuedBytes} wait for it; called once. */
    void outboundFull(int maxQueuedBytes);

    /** Elements handed over but not handled yet; the transport pauses reading above a bound. */
    int backlog();

    /** True once the peer is authenticated: the unauthenticated timeout no longer applies. */
    boolean isAuthenticated();
}
