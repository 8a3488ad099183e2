package im.parley.s2s;

import im.parley.net.StreamKind;
import im.parley.net.XmlStreamChannel;
import im.parley.stream.StreamEvents;
import im.parley.xml.Element;
import im.parley.xmpp.StreamError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code jabber:server} stream over its connection, either direction: what both sides do with
 * the transport's events. Negotiation runs on the event loop (it never blocks).
 */
abstract class ServerStream implements StreamEvents {
    private static final Logger log = LoggerFactory.getLogger(ServerStream.class);
    /** The content namespace of server-to-server streams (RFC 6120 §4.8.3). */
    static final String SERVER = "jabber:server";
    /** XEP-0220's namespace, declared on every stream header with the {@code db} prefix. */
    static final String DIALBACK = "jabber:server:dialback";
    /** Stream management (XEP-0198), acknowledgements only on server streams (no resumption). */
    static final String SM = "urn:xmpp:sm:3";
    /** Server-to-server streams on the wire: the dialback namespace declared in the header (XEP-0220 §2.3.1). */
    static final StreamKind KIND = new StreamKind(SERVER, "1.0", null, "db", DIALBACK);

    XmlStreamChannel connection;
    /** A stream error was sent: the stream is over (RFC 6120 §4.9.1.1), what the peer sends after it is not handled. */
    private volatile boolean failed;

    /** The connection is up (event loop): returns this stream, which it carries from now on. */
    abstract StreamEvents connected(XmlStreamChannel channel);

    /** The peer closed its stream, or its connection ended. */
    abstract void closed();

    /** No traffic either way for the idle timeout. */
    abstract void idle();

    /** A first-level element from the peer, on the event loop, unless the stream has failed. */
    abstract void handle(Element element);

    @Override
    public void element(Element element) {
        if (!failed) {
            handle(element);
        }
    }

    /** Answers bad input with a stream error; the stream ends (RFC 6120 §4.9). */
    void fail(StreamError condition, String text) {
        failed = true;
        log.info("Server stream with {} failed: {} ({})", connection.remoteAddress(), condition.elementName(), text);
        connection.closeStream(condition.toElement(text));
    }

    @Override
    public void xmlError(StreamError error, String text) {
        fail(error, text);
    }

    @Override
    public void streamClosed() {
        closed();
        connection.closeStream(null);
    }

    @Override
    public void disconnected() {
        closed();
    }

    /**
     * The peer lets more than the cap wait: RFC 6120 §4.9.3.14's local service policy, as for a
     * client, rather than let one slow server hold memory without bound. On the sender's thread.
     */
    @Override
    public void outboundFull(int maxQueuedBytes) {
        fail(StreamError.POLICY_VIOLATION, "More than " + maxQueuedBytes + " bytes wait for a server that does not read them");
    }
}
