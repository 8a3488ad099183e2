package im.parley.stream;

import im.parley.auth.SaslServerMechanism;
import im.parley.module.IqHandler;
import im.parley.module.IqRequest;
import im.parley.module.IqScope;
import im.parley.module.ModuleRegistry;
import im.parley.module.NegotiationStep;
import im.parley.module.Origin;
import im.parley.module.Sasl2Inline;
import im.parley.module.Sasl2Request;
import im.parley.module.StreamElementHandler;
import im.parley.module.StreamFeature;
import im.parley.router.StanzaRouter;
import im.parley.session.ClientSession;
import im.parley.session.DeliveryJournal;
import im.parley.session.Mailbox;
import im.parley.session.SessionLifecycle;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.JidFormatException;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import im.parley.xmpp.StreamError;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client-to-server XML stream (RFC 6120): negotiation (STARTTLS, SASL, then the steps
 * features add, resource binding among them), then the stream of the {@link ClientSession} a
 * step gave it: it stamps and routes the client's stanzas, hands other top-level elements to the
 * modules that handle them, and is the session's endpoint until the connection goes. Every event
 * is handled on the stream's {@link Mailbox}, one at a time, in arrival order.
 */
public final class ClientStream implements StreamEvents, ClientSession.Endpoint, NegotiationStep.NegotiatingStream,
        StreamElementHandler.StreamOutput {
    private static final Logger log = LoggerFactory.getLogger(ClientStream.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum State { AWAITING_HEADER, NEGOTIATING, BOUND, CLOSED }

    private final Connection connection;
    private final StreamSettings settings;
    private final SessionLifecycle lifecycle;
    private final StanzaRouter router;
    private final ModuleRegistry modules;
    private final Function<String, SaslNegotiation> saslForHost;
    private final Mailbox mailbox = new Mailbox();

    private State state = State.AWAITING_HEADER;
    /** The hosted domain the first stream header chose; null until then. */
    private String host;
    private SaslNegotiation sasl;
    /** Where this session's stanzas come from, made once at binding. */
    private Origin origin;
    private boolean headerSent;
    private boolean tlsStarted;
    /** The session this stream serves once a negotiation step gave it one. */
    private volatile ClientSession session;
    /** The SASL2 {@code <authenticate/>} whose exchange is in progress, for its inline features. */
    private Sasl2Request sasl2Request;
    /**
     * What is written while a SASL2 {@code <success/>} is assembled (see {@link #succeedSasl2}):
     * it waits, to follow {@code <success/>}. The list is also the lock under which {@code holding}
     * changes; it is read without the lock first, as no one writes to this stream before it is
     * set (the session it serves is bound or resumed after {@link #hold}).
     */
    private final List<Element> held = new ArrayList<>();
    private volatile boolean holding;

    /** @param saslForHost a negotiation against the accounts of one hosted domain */
    public ClientStream(Connection connection, StreamSettings settings, SessionLifecycle lifecycle,
            StanzaRouter router, ModuleRegistry modules, Function<String, SaslNegotiation> saslForHost) {
        this.connection = connection;
        this.settings = settings;
        this.lifecycle = lifecycle;
        this.router = router;
        this.modules = modules;
        this.saslForHost = saslForHost;
    }

    // ---- events from the transport: each is queued on the mailbox ----

    /** The client opened a stream whose framing (namespaces) the transport has checked. */
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
                sendHeaderIfNeeded();
                connection.closeStream(null);
                end();
            }
        });
    }

    /** The parser rejected the input (restricted-xml, not-well-formed, policy-violation...). */
    @Override
    public void xmlError(StreamError error, String text) {
        mailbox.submit(() -> fail(error, text));
    }

    @Override
    public void disconnected() {
        mailbox.submit(this::connectionLost);
    }

    /**
     * The client was silent for too long: its stream ends with connection-timeout, but for its
     * session this is a lost connection (a phone whose network vanished), which a resumable
     * session outlives (XEP-0198).
     */
    @Override
    public void timedOut(String why) {
        mailbox.submit(() -> {
            if (closeWithError(StreamError.CONNECTION_TIMEOUT, why, null)) {
                connectionLost();
            }
        });
    }

    /**
     * The client reads slower than it is sent to and {@code maxQueuedBytes} wait for it: it is
     * cut off, as a local policy (RFC 6120 §4.9.3.14), rather than let it hold memory without bound.
     */
    @Override
    public void outboundFull(int maxQueuedBytes) {
        mailbox.submit(() -> fail(StreamError.POLICY_VIOLATION,
                "More than " + maxQueuedBytes + " bytes wait for a client that does not read them"));
    }

    /** Stanzas or elements queued but not handled yet; the transport pauses reading above a bound. */
    @Override
    public int backlog() {
        return mailbox.pending();
    }

    /** True once the stream serves a session (the unauthenticated timeout no longer applies). */
    @Override
    public boolean isAuthenticated() {
        return session != null;
    }

    // ---- ClientSession.Endpoint: from the router's and modules' threads ----

    @Override
    public boolean send(Stanza stanza) {
        return write(stanza.element());
    }

    @Override
    public boolean sendElement(Element element) {
        return write(element);
    }

    /** Every write to the client after negotiation began, from any thread: held while a SASL2 success is assembled. */
    private boolean write(Element element) {
        if (holding) {
            synchronized (held) {
                if (holding) {
                    held.add(element);
                    return true;
                }
            }
        }
        return connection.send(element);
    }

    private void hold() {
        synchronized (held) {
            holding = true;
        }
    }

    /** Writes {@code first}, then what was held meanwhile, in order, before any later write. */
    private void release(List<Element> first) {
        synchronized (held) {
            first.forEach(connection::send);
            held.forEach(connection::send);
            held.clear();
            holding = false;
        }
    }

    @Override
    public boolean awaitRoom() {
        return connection.awaitRoom();
    }

    @Override
    public void close(StreamError error, String text) {
        mailbox.submit(() -> fail(error, text));
    }

    // ---- negotiation ----

    private void onStreamOpened(Element header) {
        if (state == State.CLOSED) {
            return;
        }
        String requested = requestedHost(header.attribute("to"));
        sendHeader(requested != null && settings.hosts().contains(requested) ? requested : settings.defaultHost());
        if (!isVersion1(header.attribute("version"))) {
            fail(StreamError.UNSUPPORTED_VERSION, "XMPP 1.0 streams only");
        } else if (requested == null || !settings.hosts().contains(requested)) {
            fail(StreamError.HOST_UNKNOWN, "No such host here");
        } else if (host != null && !host.equals(requested)) {
            fail(StreamError.HOST_UNKNOWN, "The stream was opened to " + host);
        } else {
            if (host == null) {
                host = requested;
                sasl = saslForHost.apply(host);
            }
            state = session == null ? State.NEGOTIATING : State.BOUND;
            connection.send(features());
        }
    }

    private static boolean isVersion1(String version) {
        if (version == null) {
            return false;
        }
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot)) >= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The host a header's 'to' names (RFC 6120 §4.7.2), the default host when it names none, or
     * null when it is no domain at all.
     */
    private String requestedHost(String to) {
        if (to == null) {
            return host != null ? host : settings.defaultHost();
        }
        try {
            return Jid.enforceDomain(to);
        } catch (JidFormatException e) {
            return null;
        }
    }

    private void sendHeader(String from) {
        connection.openStream(from, newId());
        headerSent = true;
    }

    private void sendHeaderIfNeeded() {
        if (!headerSent) {
            sendHeader(host != null ? host : settings.defaultHost());
        }
    }

    private Element features() {
        Element.Builder features = Element.builder("features", Namespaces.STREAMS);
        boolean authenticated = sasl.isAuthenticated();
        if (!authenticated && !tlsStarted && connection.canStartTls()) {
            Element.Builder starttls = Element.builder("starttls", Namespaces.TLS);
            if (settings.requireTls()) {
                starttls.child(Element.of("required", Namespaces.TLS));
            }
            features.child(starttls.build());
        }
        boolean mayAuthenticate = connection.tls().secure() || !settings.requireTls();
        if (!authenticated && mayAuthenticate) {
            sasl.features(connection.tls()).forEach(features::child);
            // XEP-0388 §3: SASL2 only over TLS.
            if (connection.tls().secure()) {
                features.child(sasl.sasl2Feature(connection.tls(), sasl2Inline()));
            }
        }
        // After a SASL2 success that bound or resumed a session, there is nothing left to negotiate.
        if (authenticated && session == null) {
            modules.negotiationSteps(host).forEach(step -> step.features().forEach(features::child));
        }
        for (StreamFeature f : modules.streamFeatures(host)) {
            if (authenticated ? f.afterAuthentication() : f.beforeAuthentication() && mayAuthenticate) {
                features.child(f.element(host));
            }
        }
        return features.build();
    }

    private void onElement(Element element) {
        switch (state) {
            case AWAITING_HEADER -> fail(StreamError.NOT_WELL_FORMED, "No stream header");
            case NEGOTIATING -> negotiate(element);
            case BOUND -> fromClient(element);
            case CLOSED -> log.debug("Ignored element after close: {}", element.name());
        }
    }

    private void negotiate(Element element) {
        NegotiationStep step;
        if (element.is("starttls", Namespaces.TLS)) {
            startTls();
        } else if (Namespaces.SASL.equals(element.namespace()) || Namespaces.SASL2.equals(element.namespace())) {
            authenticate(element);
        } else if (sasl.isAuthenticated() && (step = stepFor(element)) != null) {
            runStep(step, element);
        } else if (!Stanza.isStanza(element)) {
            fail(StreamError.UNSUPPORTED_STANZA_TYPE, null);
        } else if (!sasl.isAuthenticated()) {
            beforeAuthentication(element);
        } else if (isIq(element, "set", Namespaces.SESSION)) {
            connection.send(resultFor(element));
        } else {
            fail(StreamError.NOT_AUTHORIZED, "Bind a resource first");
        }
    }

    private void runStep(NegotiationStep step, Element element) {
        try {
            step.handle(this, element);
        } catch (RuntimeException e) {
            // Ending the stream also ends a session the step bound before it failed.
            log.error("Negotiation step {} failed for {}", step.getClass().getSimpleName(),
                    connection.remoteAddress(), e);
            fail(StreamError.INTERNAL_SERVER_ERROR, "The session could not be set up");
        }
    }

    @Override
    public void serve(ClientSession bound) {
        session = bound;
        state = State.BOUND;
        origin = Origin.client(bound, connection.remoteAddress());
    }

    private void startTls() {
        if (tlsStarted || sasl.isAuthenticated() || !connection.canStartTls()) {
            connection.send(Element.of("failure", Namespaces.TLS));
            connection.closeStream(null);
            end();
            return;
        }
        tlsStarted = true;
        awaitNewStream();
        connection.startTls(Element.of("proceed", Namespaces.TLS));
    }

    /** The client opens a new stream next (RFC 6120 §4.3.3), to which the server answers with a header of its own. */
    private void awaitNewStream() {
        state = State.AWAITING_HEADER;
        headerSent = false;
    }

    private void authenticate(Element element) {
        if (sasl.isAuthenticated()) {
            // XEP-0388 §4.8: an <authenticate/> after success is a stream error, as RFC 6120's <auth/> is.
            fail(StreamError.POLICY_VIOLATION, "Already authenticated");
            return;
        }
        boolean sasl2 = Namespaces.SASL2.equals(element.namespace());
        if ((sasl2 || settings.requireTls()) && !connection.tls().secure()) {
            connection.send(SaslNegotiation.failure(element.namespace(), "encryption-required", "Start TLS first"));
            return;
        }
        SaslNegotiation.Outcome outcome;
        if (element.is("authenticate", Namespaces.SASL2)) {
            sasl2Request = Sasl2Request.parse(element);
            outcome = sasl.authenticate(sasl2Request, connection.tls(), inlineMechanism(sasl2Request));
        } else {
            outcome = sasl.handle(element, connection.tls());
        }
        switch (outcome) {
            case CONTINUE -> connection.send(sasl.lastReply());
            case SUCCESS -> {
                log.info("{} authenticated as {} from {}{}", sasl.mechanismName(), sasl.username(),
                        connection.remoteAddress(), sasl2 ? " (SASL2)" : "");
                if (sasl2) {
                    succeedSasl2();
                } else {
                    awaitNewStream();
                    connection.restartStream(sasl.lastReply());
                }
            }
            case FAILURE -> {
                sasl2Request = null;
                connection.send(sasl.lastReply());
                if (sasl.failures() >= settings.maxAuthFailures()) {
                    fail(StreamError.POLICY_VIOLATION, "Too many failed authentication attempts");
                }
            }
        }
    }

    /** The SASL2 inline features' advertisements, for {@code <authentication><inline/>}. */
    private List<Element> sasl2Inline() {
        List<Element> inline = new ArrayList<>();
        for (Sasl2Inline feature : modules.sasl2Inline(host)) {
            inline.add(feature.advertisement(host, connection.tls()));
        }
        return inline;
    }

    /** A mechanism an inline feature has for the request (FAST's token mechanisms), or null. */
    private SaslServerMechanism inlineMechanism(Sasl2Request request) {
        for (Sasl2Inline feature : modules.sasl2Inline(host)) {
            SaslServerMechanism mechanism = feature.mechanism(request, host, connection.tls());
            if (mechanism != null) {
                return mechanism;
            }
        }
        return null;
    }

    /**
     * XEP-0388 §2.6.1: the inline features the client asked for run now, each possibly adding to
     * {@code <success/>}, which names the authorization identity (the full JID once the stream
     * serves a session). What a bound or resumed session is sent meanwhile is held, so that
     * {@code <success/>} and the authenticated stream's features (there is no restart) come first.
     */
    private void succeedSasl2() {
        Sasl2Request request = sasl2Request;
        sasl2Request = null;
        hold();
        List<Element> results = new ArrayList<>();
        try {
            for (Sasl2Inline feature : modules.sasl2Inline(host)) {
                results.addAll(feature.authenticated(this, request, sasl.mechanismName()));
            }
        } catch (RuntimeException e) {
            log.error("SASL2 inline features failed for {} from {}", sasl.username(), connection.remoteAddress(), e);
            release(List.of());
            fail(StreamError.INTERNAL_SERVER_ERROR, "The session could not be set up");
            return;
        }
        if (state == State.CLOSED) {
            // An inline feature failed the stream (XEP-0198's handled-count-too-high).
            release(List.of());
            return;
        }
        Element.Builder success = Element.builder("success", Namespaces.SASL2);
        byte[] additionalData = sasl.additionalData();
        if (additionalData.length > 0) {
            success.child(Element.builder("additional-data", Namespaces.SASL2)
                    .text(Base64.getEncoder().encodeToString(additionalData)).build());
        }
        Jid identity = session != null ? session.jid() : Jid.of(sasl.username(), host, null);
        success.child(Element.builder("authorization-identifier", Namespaces.SASL2).text(identity.toString()).build());
        results.forEach(success::child);
        release(List.of(success.build(), features()));
    }

    /** Before authentication only in-band registration (XEP-0077) may be used, where a module allows it. */
    private void beforeAuthentication(Element element) {
        IqHandler handler = null;
        if (isIq(element, "get", null) || isIq(element, "set", null)) {
            Element payload = element.firstElement();
            handler = payload == null ? null : modules.iqHandler(host, IqScope.UNAUTHENTICATED, payload.namespace());
        }
        if (handler == null) {
            fail(StreamError.NOT_AUTHORIZED, "Authenticate first");
            return;
        }
        Stanza iq;
        try {
            // Addressed to the stream's host, whose accounts the request is about (e.g. a new one).
            iq = Stanza.of(element.withAttribute("from", null).withAttribute("to", host));
        } catch (JidFormatException e) {
            fail(StreamError.NOT_AUTHORIZED, "Authenticate first");
            return;
        }
        Stanza response = IqHandler.answer(handler,
                new IqRequest(iq, Origin.unauthenticated(connection.remoteAddress())));
        if (response != null) {
            connection.send(response.element());
        }
    }

    private NegotiationStep stepFor(Element element) {
        for (NegotiationStep step : modules.negotiationSteps(host)) {
            if (step.accepts(element)) {
                return step;
            }
        }
        return null;
    }

    // ---- NegotiationStep.NegotiatingStream ----

    @Override
    public String username() {
        return sasl.username();
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public ClientSession session() {
        return session;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    /** A step's answer, or a stream element handler's: stream-level, outside the stanza count. */
    @Override
    public void send(Element element) {
        write(element);
    }

    @Override
    public void fail(StreamError error, String text, Element applicationCondition) {
        if (closeWithError(error, text, applicationCondition)) {
            end();
        }
    }

    /** Sends a stream error and closes the stream (RFC 6120 §4.9); false if it was closed already. */
    private boolean closeWithError(StreamError error, String text, Element applicationCondition) {
        if (state == State.CLOSED) {
            return false;
        }
        log.info("Stream error {} to {} ({}): {}", error.elementName(),
                session != null ? session.jid() : "unauthenticated", connection.remoteAddress(), text);
        sendHeaderIfNeeded();
        connection.closeStream(error.toElement(text, applicationCondition));
        return true;
    }

    @Override
    public ClientSession.Endpoint endpoint() {
        return this;
    }

    // ---- the bound session ----

    private void fromClient(Element element) {
        if (!Stanza.isStanza(element)) {
            streamElement(element);
            return;
        }
        DeliveryJournal.Entry journaled = null;
        try {
            journaled = handle(element);
        } finally {
            // XEP-0198 counts every stanza the server handled, answered with an error or not; a
            // journaled message once its entry is written.
            session.receivedStanza(journaled);
        }
    }

    /** Answers or routes a stanza from the client; its delivery journal entry, or null. */
    private DeliveryJournal.Entry handle(Element element) {
        if (isIq(element, "set", Namespaces.SESSION)) {
            session.deliver(Stanza.of(resultFor(element)));
            return null;
        }
        Stanza stanza;
        try {
            // RFC 6120 §8.1.2.1: the server is the authority on 'from'; whatever the client wrote is replaced.
            stanza = Stanza.of(element.withAttribute("from", session.jid().toString()));
        } catch (JidFormatException e) {
            rejectMalformedAddress(element, e);
            return null;
        }
        if (stanza.isIq() && !validIq(stanza)) {
            return null;
        }
        Stanza routed = modules.clientStanza(session, stanza);
        if (routed == null) {
            return null;
        }
        // Queued for the journal before routing, so that whatever releases it comes after.
        DeliveryJournal.Entry entry = session.journal(routed);
        try {
            router.route(routed, origin, entry);
        } finally {
            if (entry != null) {
                entry.release();
            }
        }
        return entry;
    }

    /**
     * A top-level element that is not a stanza goes to the module that registered for it, and
     * without one is an unsupported-stanza-type stream error (RFC 6120 §4.9.3.22).
     */
    private void streamElement(Element element) {
        StreamElementHandler handler = modules.streamElementHandler(host, element.namespace(), element.name());
        if (handler == null) {
            fail(StreamError.UNSUPPORTED_STANZA_TYPE, "<" + element.name() + "/> in " + element.namespace());
            return;
        }
        try {
            handler.handle(session, this, element);
        } catch (RuntimeException e) {
            log.error("Handler of <{}/> in {} failed for {}", element.name(), element.namespace(), session.jid(), e);
            fail(StreamError.INTERNAL_SERVER_ERROR, "The element could not be handled");
        }
    }

    private boolean validIq(Stanza iq) {
        String type = iq.element().attribute("type");
        boolean request = "get".equals(type) || "set".equals(type);
        if (iq.id() == null || !(request || "result".equals(type) || "error".equals(type))) {
            // RFC 6120 §8.2.3: an IQ needs an id and one of the four types.
            session.deliver(iq.error(StanzaError.BAD_REQUEST,
                    "An IQ needs an id and a type of get, set, result or error"));
            return false;
        }
        if (request && iq.element().elements().size() != 1) {
            session.deliver(iq.error(StanzaError.BAD_REQUEST, "An IQ request needs exactly one child element"));
            return false;
        }
        return true;
    }

    private void rejectMalformedAddress(Element element, JidFormatException e) {
        if ("error".equals(element.attribute("type"))) {
            return;
        }
        session.deliver(Stanza.of(errorFor(element, StanzaError.JID_MALFORMED, e.getMessage())));
    }

    // ---- ending ----

    /** Sends a stream error and closes the stream (RFC 6120 §4.9). */
    private void fail(StreamError error, String text) {
        fail(error, text, null);
    }

    /** The stream is over (closed by either side, or failed): so is its session. */
    private void end() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        endSession();
    }

    /**
     * The connection went without the stream being closed: a session stream management made
     * resumable waits for a new stream to resume it, any other ends (the lifecycle decides).
     */
    private void connectionLost() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (session != null) {
            lifecycle.connectionLost(session, this);
        }
    }

    /** The stream ended: so does its session, unless another stream has resumed it. */
    private void endSession() {
        if (session != null) {
            lifecycle.end(session, this);
        }
    }

    // ---- small helpers ----

    static boolean isIq(Element element, String type, String payloadNamespace) {
        if (!element.is("iq", Namespaces.STANZA) || !type.equals(element.attribute("type"))) {
            return false;
        }
        return payloadNamespace == null || element.childIn(payloadNamespace) != null;
    }

    private static Element resultFor(Element iq) {
        return Element.builder("iq", Namespaces.STANZA).attribute("type", "result")
                .attribute("id", iq.attribute("id")).build();
    }

    /** An error reply to an element whose addresses may not even parse. */
    static Element errorFor(Element original, StanzaError condition, String text) {
        Element.Builder error = Element.builder("error", Namespaces.STANZA).attribute("type", condition.type())
                .child(Element.of(condition.elementName(), Namespaces.STANZA_ERRORS));
        if (text != null) {
            error.child(Element.builder("text", Namespaces.STANZA_ERRORS).text(text).build());
        }
        return Element.builder(original.name(), Namespaces.STANZA).attribute("type", "error")
                .attribute("id", original.attribute("id")).child(error.build()).build();
    }

    static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String newResource() {
        return "parley-" + newId();
    }
}
