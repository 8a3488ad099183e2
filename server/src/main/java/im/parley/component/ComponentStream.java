package im.parley.component;

import im.parley.module.Origin;
import im.parley.net.StreamKind;
import im.parley.net.XmlStreamChannel;
import im.parley.router.StanzaRouter;
import im.parley.session.Mailbox;
import im.parley.stream.StreamEvents;
import im.parley.xml.Element;
import im.parley.xmpp.JidFormatException;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StreamError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One external component's stream (XEP-0114, accept mode): the header names the component's
 * domain, the {@code <handshake/>} proves the shared secret, and from then on the component's
 * stanzas are routed as coming from its domain and the stanzas for its domain written to it.
 * Every event is handled on the stream's {@link Mailbox}, one at a time, in arrival order, so
 * routing never runs on an event loop.
 */
final class ComponentStream implements StreamEvents {
    private static final Logger log = LoggerFactory.getLogger(ComponentStream.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum State { AWAITING_HEADER, AWAITING_HANDSHAKE, CONNECTED, CLOSED }

    /** Components' streams on the wire (XEP-0114 §3): no version, so no stream features. */
    static final StreamKind KIND = new StreamKind(Namespaces.COMPONENT_ACCEPT, null, null, null, null);

    private final XmlStreamChannel connection;
    private final Components components;
    private final StanzaRouter router;
    private final Mailbox mailbox = new Mailbox();
    private final String id = newId();

    private volatile State state = State.AWAITING_HEADER;
    /** The domain the header asked for; set once the header named a configured component. */
    private Components.Slot slot;
    private Origin origin;

    ComponentStream(XmlStreamChannel connection, Components components, StanzaRouter router) {
        this.connection = connection;
        this.components = components;
        this.router = router;
    }

    // ---- events from the transport, each queued on the mailbox ----

    @Override
    public void streamOpened(Element header) {
        mailbox.submit(() -> onStreamOpened(header));
    }

    @Override
    public void element(Element element) {
        mailbox.submit(() -> onElement(element));
    }

    @Override
    public void streamClosed() {
        mailbox.submit(() -> {
            if (state != State.CLOSED) {
                connection.closeStream(null);
                end();
            }
        });
    }

    @Override
    public void xmlError(StreamError error, String text) {
        mailbox.submit(() -> fail(error, text));
    }

    @Override
    public void disconnected() {
        mailbox.submit(this::end);
    }

    @Override
    public void timedOut(String why) {
        mailbox.submit(() -> fail(StreamError.CONNECTION_TIMEOUT, why));
    }

    @Override
    public void outboundFull(int maxQueuedBytes) {
        mailbox.submit(() -> fail(StreamError.POLICY_VIOLATION,
                "More than " + maxQueuedBytes + " bytes wait for a component that does not read them"));
    }

    /** Another connection took the domain (the configuration says the newer one wins). */
    void replaced() {
        mailbox.submit(() -> fail(StreamError.CONFLICT, "Replaced by a new connection for " + slot.domain()));
    }

    /** The server is shutting down. */
    void shutdown() {
        mailbox.submit(() -> fail(StreamError.SYSTEM_SHUTDOWN, "The server is shutting down"));
    }

    @Override
    public int backlog() {
        return mailbox.pending();
    }

    /** True once the handshake succeeded (the transport's handshake timeout no longer applies). */
    @Override
    public boolean isAuthenticated() {
        return state == State.CONNECTED;
    }

    /** A stanza for the component's domain, from the router (any thread); false once the stream takes nothing more. */
    boolean send(Stanza stanza) {
        return state == State.CONNECTED && connection.send(stanza.element());
    }

    // ---- on the mailbox ----

    private void onStreamOpened(Element header) {
        if (state != State.AWAITING_HEADER) {
            return;
        }
        String to = header.attribute("to");
        slot = to == null ? null : components.slot(to);
        if (slot == null) {
            // XEP-0114 §3: a component name the server does not serve (the error comes after a header of ours).
            closeWithError(StreamError.HOST_UNKNOWN, "No component is configured for " + to);
            return;
        }
        connection.openStream(slot.domain(), id);
        state = State.AWAITING_HANDSHAKE;
    }

    private void onElement(Element element) {
        switch (state) {
            case AWAITING_HEADER -> fail(StreamError.NOT_WELL_FORMED, "No stream header");
            case AWAITING_HANDSHAKE -> handshake(element);
            case CONNECTED -> fromComponent(element);
            case CLOSED -> log.debug("Ignored <{}/> after a component's stream closed", element.name());
        }
    }

    /** XEP-0114 §3: the handshake is the lower-case hex SHA-1 of the stream id and the shared secret. */
    private void handshake(Element element) {
        if (!element.is("handshake", Namespaces.STANZA)) {
            fail(StreamError.NOT_AUTHORIZED, "Send the handshake first");
            return;
        }
        byte[] expected = HexFormat.of().formatHex(sha1(id + slot.secret())).getBytes(StandardCharsets.US_ASCII);
        byte[] given = element.text().trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            fail(StreamError.NOT_AUTHORIZED, "Wrong handshake for " + slot.domain());
            return;
        }
        if (!slot.attach(this)) {
            fail(StreamError.CONFLICT, slot.domain() + " is connected already");
            return;
        }
        origin = Origin.component(slot.domain(), connection.remoteAddress());
        state = State.CONNECTED;
        connection.send(Element.of("handshake", Namespaces.STANZA));
        // XEP-0356 §4.2 and XEP-0355 §4.2: what the configuration grants it, once it is connected.
        for (Stanza granted : new Stanza[] {slot.privileges().advertisement(slot.server(), slot.domain(), newId()),
                slot.delegation().advertisement(slot.server(), newId())}) {
            if (granted != null) {
                connection.send(granted.element());
            }
        }
        log.info("Component {} connected from {}", slot.domain(), connection.remoteAddress());
    }

    /**
     * XEP-0114 §3: every stanza names its 'from' and 'to', and the 'from' is at the component's
     * domain (any local part or resource); anything else ends the stream (RFC 6120 §4.9.3).
     */
    private void fromComponent(Element element) {
        if (!Stanza.isStanza(element)) {
            fail(StreamError.UNSUPPORTED_STANZA_TYPE, "<" + element.name() + "/> in " + element.namespace());
            return;
        }
        Stanza stanza;
        try {
            stanza = Stanza.of(element);
        } catch (JidFormatException e) {
            fail(StreamError.IMPROPER_ADDRESSING, "Invalid address: " + e.getMessage());
            return;
        }
        if (stanza.to() == null || stanza.from() == null) {
            fail(StreamError.IMPROPER_ADDRESSING, "A component's stanza needs a 'from' and a 'to'");
            return;
        }
        if (!stanza.from().domain().equals(slot.domain())) {
            fail(StreamError.INVALID_FROM, stanza.from() + " is not at " + slot.domain());
            return;
        }
        if (!slot.privileges().handled(stanza, origin)) {
            router.route(stanza, origin);
        }
    }

    private void fail(StreamError error, String text) {
        if (closeWithError(error, text)) {
            end();
        }
    }

    private boolean closeWithError(StreamError error, String text) {
        if (state == State.CLOSED) {
            return false;
        }
        log.info("Stream error {} to component {} ({}): {}", error.elementName(),
                slot == null ? "unknown" : slot.domain(), connection.remoteAddress(), text);
        if (state == State.AWAITING_HEADER) {
            // RFC 6120 §4.9.1.2: an error before the header is answered with a header first.
            connection.openStream(null, id);
        }
        connection.closeStream(error.toElement(text));
        state = State.CLOSED;
        return true;
    }

    private void end() {
        state = State.CLOSED;
        if (slot != null) {
            slot.detach(this);
        }
    }

    private static byte[] sha1(String text) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
