package im.parley.s2s;

import im.parley.net.StreamKind;
import im.parley.net.XmlStreamChannel;
import im.parley.session.Mailbox;
import im.parley.stream.StreamEvents;
import im.parley.xml.Element;
import im.parley.xmpp.StreamError;
import java.util.concurrent.atomic.AtomicLong;
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
    /** The stream's own thread: the peer's stanzas are checked and routed there, in order. */
    private final Mailbox mailbox = new Mailbox();
    /** Elements the peer has sent so far (written on the event loop): each one's place in the stream. */
    private volatile long elements;
    /**
     * The place of the first element not to handle, once a stream error is decided: the stream is
     * over (RFC 6120 §4.9.1.1), and what the peer sent after the element at fault is not handled,
     * even if it was read (and handed to {@link #mailbox}) before the error was decided.
     */
    private final AtomicLong stopAt = new AtomicLong(Long.MAX_VALUE);
    /** The mailbox's thread while it handles the element at {@link #handling}, else null. */
    private volatile Thread handler;
    private long handling;
    private volatile boolean droppedLogged;

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
        long place = elements;
        elements = place + 1;
        if (place < stopAt.get()) {
            handle(element);
        } else {
            dropped(element);
        }
    }

    /**
     * Handles the current element (of {@link #handle}) on the stream's thread, after those before
     * it, unless a stream error is decided before it is reached there.
     */
    void later(Element element, Runnable work) {
        long place = elements - 1;
        mailbox.submit(() -> {
            if (place >= stopAt.get()) {
                dropped(element);
                return;
            }
            handling = place;
            handler = Thread.currentThread();
            try {
                work.run();
            } finally {
                handler = null;
            }
        });
    }

    /** Stanzas waiting for the stream's thread (negotiation runs on the event loop and never waits). */
    @Override
    public int backlog() {
        return mailbox.pending();
    }

    private void dropped(Element element) {
        if (!droppedLogged) {
            droppedLogged = true;
            log.info("Dropped what the server at {} sent after its stream error (first: {})",
                    connection.remoteAddress(), element.name());
        } else {
            log.debug("Dropped {} from {} after its stream error", element.name(), connection.remoteAddress());
        }
    }

    /**
     * Answers bad input with a stream error; the stream ends (RFC 6120 §4.9). Decided on the
     * stream's thread, about the element it handles, nothing after that element is handled; decided
     * elsewhere (the event loop, a timer), nothing after what the peer has sent so far.
     */
    void fail(StreamError condition, String text) {
        long stop = handler == Thread.currentThread() ? handling + 1 : elements;
        stopAt.accumulateAndGet(stop, Math::min);
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
