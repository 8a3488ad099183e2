package im.parley.modules.streammanagement;

import im.parley.auth.TlsInfo;
import im.parley.module.BindInline;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.module.NegotiationStep;
import im.parley.module.NegotiationStep.NegotiatingStream;
import im.parley.module.Sasl2Inline;
import im.parley.module.Sasl2Request;
import im.parley.module.StreamElementHandler.StreamOutput;
import im.parley.module.StreamFeature;
import im.parley.session.ClientSession;
import im.parley.session.ResumableSessions;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.StanzaError;
import im.parley.xmpp.StreamError;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stream management (XEP-0198): the {@code <sm/>} stream feature, {@code <enable/>} on a bound
 * stream, acknowledgements both ways ({@code <r/>}, {@code <a/>}) and resumption of a session
 * whose connection dropped ({@code <resume/>}, a negotiation step before binding). The counting,
 * the kept stanzas and the resumption window are the session's and its lifecycle's
 * ({@code session/ClientSession}, {@code session/SessionLifecycle}); this module speaks the protocol.
 *
 * <p>A detached session keeps its presence: it stays available to its contacts while it may be
 * resumed (the XEP leaves this to the server; Prosody and ejabberd do the same), and messages
 * to it queue, to be retransmitted on resumption or sent to offline storage when it expires.
 *
 * <p>With the delivery journal (the default), the 'h' the server reports counts a client's
 * message once it is safe from a crash ({@link Journal}); an {@code <r/>} is answered at once with
 * what counts, and an unrequested {@code <a/>} follows when the writes it waited for commit.
 */
public final class StreamManagementModule implements Module {
    static final String SM = "urn:xmpp:sm:3";
    private static final Logger log = LoggerFactory.getLogger(StreamManagementModule.class);
    private static final Element REQUEST = Element.of("r", SM);
    /** An {@code <r/>} this long after a stanza no request covers yet, when fewer than request-ack-every follow it. */
    private static final Duration REQUEST_WHEN_IDLE = Duration.ofSeconds(5);
    private static final long MAX_H = (1L << 32) - 1;

    /** How long a {@code <resume/>} waits for the writes of what the client sent before its connection went. */
    private static final Duration RESUME_WAITS_FOR_WRITES = Duration.ofSeconds(10);

    private final StreamManagementConfig config;
    private final JournalStore journalStore;
    private final Clock clock;
    private Journal journal;
    private ClientSession.Acks acks;
    private ResumableSessions resumable;

    public StreamManagementModule(StreamManagementConfig config, JournalStore journalStore, Clock clock) {
        this.config = config;
        this.journalStore = journalStore;
        this.clock = clock;
    }

    @Override
    public void start(ModuleContext context) {
        resumable = context.resumableSessions();
        if (config.deliveryJournal()) {
            journal = new Journal(journalStore, context.hosts(), clock);
            // Offline storage started before this feature (the services file's order); no client is connected yet.
            journal.recover(resumable);
        }
        acks = new ClientSession.Acks(config.maxUnackedStanzas(), config.requestAckEvery(), REQUEST_WHEN_IDLE,
                REQUEST, journal);
        context.streamFeature(new StreamFeature(Element.of("sm", SM), false, true));
        context.negotiationStep(new Resumption());
        context.sasl2Inline(new InlineResumption());
        context.bindInline(new InlineEnable());
        context.handleStreamElement(SM, "enable", this::enable);
        context.handleStreamElement(SM, "r", this::answerRequest);
        context.handleStreamElement(SM, "a", this::acknowledged);
        // A session is resumed before binding, never on a stream that serves one already.
        context.handleStreamElement(SM, "resume", (session, out, element) -> out.send(failed(
                StanzaError.UNEXPECTED_REQUEST)));
    }

    @Override
    public void stop() {
        if (journal != null) {
            journal.close();
        }
    }

    private void enable(ClientSession session, StreamOutput out, Element element) {
        if (session.acksEnabled()) {
            // §3: a second <enable/> SHOULD be answered with a stream error.
            out.fail(StreamError.POLICY_VIOLATION, "Stream management is enabled already", null);
            return;
        }
        if (!session.enableAcks(acks, enabled(session, element))) {
            out.send(failed(StanzaError.UNEXPECTED_REQUEST));
        }
    }

    /** The {@code <enabled/>} for an {@code <enable/>}, the session kept for resumption if it asked and the server allows. */
    private Element enabled(ClientSession session, Element element) {
        Element.Builder enabled = Element.builder("enabled", SM);
        if (isTrue(element.attribute("resume")) && !config.resumptionTimeout().isZero()) {
            Duration window = config.window(parseCount(element.attribute("max")));
            String id = resumable.keep(session, window);
            enabled.attribute("id", id).attribute("resume", "true").attribute("max", Long.toString(window.toSeconds()));
        }
        return enabled.build();
    }

    /**
     * XEP-0386 §3.2: {@code <enable/>} inside Bind2's {@code <bind/>}, for a session nothing was
     * sent to yet; its {@code <enabled/>} goes into {@code <bound/>}, which the stream writes
     * before anything else, so both counts start there.
     */
    private final class InlineEnable implements BindInline {
        @Override
        public String namespace() {
            return SM;
        }

        @Override
        public Element enable(ClientSession session, Element request) {
            if (!request.name().equals("enable")) {
                return failed(StanzaError.BAD_REQUEST);
            }
            Element answer = enabled(session, request);
            return session.enableAcks(acks, null) ? answer : failed(StanzaError.UNEXPECTED_REQUEST);
        }
    }

    private void answerRequest(ClientSession session, StreamOutput out, Element element) {
        if (!session.acksEnabled()) {
            out.send(failed(StanzaError.UNEXPECTED_REQUEST));
            return;
        }
        session.answerAckRequest(StreamManagementModule::ack);
    }

    private static Element ack(long h) {
        return Element.builder("a", SM).attribute("h", Long.toString(h)).build();
    }

    private void acknowledged(ClientSession session, StreamOutput out, Element element) {
        Long h = parseCount(element.attribute("h"));
        if (h == null) {
            out.fail(StreamError.BAD_FORMAT, "<a/> needs an 'h' from 0 to 2^32-1", null);
        } else if (session.acksEnabled() && !session.acknowledge(h)) {
            countTooHigh(out, session, h);
        }
    }

    /** XEP-0198 §4: an 'h' acknowledging more than was sent ends the stream. */
    private static void countTooHigh(StreamOutput out, ClientSession session, long h) {
        long sent = session.sentCount();
        log.info("{} acknowledged {} stanzas of {}", session.jid(), h, sent);
        out.fail(StreamError.UNDEFINED_CONDITION, "You acknowledged more stanzas than were sent",
                Element.builder("handled-count-too-high", SM).attribute("h", Long.toString(h))
                        .attribute("send-count", Long.toString(sent)).build());
    }

    /** {@code <resume/>} (and an {@code <enable/>} that comes too early), before binding. */
    private final class Resumption implements NegotiationStep {
        @Override
        public List<Element> features() {
            return List.of();
        }

        @Override
        public boolean accepts(Element element) {
            return SM.equals(element.namespace()) && (element.name().equals("resume") || element.name().equals("enable"));
        }

        @Override
        public void handle(NegotiatingStream stream, Element element) {
            if (element.name().equals("enable")) {
                // §3: only after binding, unless resuming.
                stream.send(failed(StanzaError.UNEXPECTED_REQUEST));
                return;
            }
            Element answer = resume(stream, element, false);
            if (answer != null) {
                stream.send(answer);
            }
        }
    }

    /**
     * {@code <resume/>} inside SASL2's {@code <authenticate/>} (XEP-0388, XEP-0198 §5): its
     * {@code <resumed/>} or {@code <failed/>} goes into {@code <success/>}; a failed resumption
     * leaves the client to bind a new session (Bind2 does so in the same request).
     */
    private final class InlineResumption implements Sasl2Inline {
        private static final Element ADVERTISEMENT = Element.of("sm", SM);

        @Override
        public Element advertisement(String host, TlsInfo tls) {
            return ADVERTISEMENT;
        }

        @Override
        public List<Element> authenticated(NegotiatingStream stream, Sasl2Request request, String mechanism) {
            Element resume = request.inline("resume", SM);
            if (resume == null) {
                return List.of();
            }
            Element answer = resume(stream, resume, true);
            return answer == null ? List.of() : List.of(answer);
        }
    }

    /**
     * Resumes the session {@code <resume/>} names for the stream's user. Returns what to answer,
     * or null when nothing is: a resumption outside SASL2 writes its {@code <resumed/>} itself
     * (before the retransmitted stanzas), and a count too high fails the stream.
     *
     * @param inline true inside SASL2, whose {@code <success/>} carries the {@code <resumed/>}
     */
    private Element resume(NegotiatingStream stream, Element element, boolean inline) {
        String previd = element.attribute("previd");
        Long h = parseCount(element.attribute("h"));
        if (previd == null || h == null) {
            return failed(StanzaError.BAD_REQUEST);
        }
        ClientSession session = resumable.find(previd);
        Jid user = Jid.of(stream.username(), stream.host(), null);
        // Only the user who enabled it may resume it; anyone else learns nothing about the id.
        if (session == null || !session.jid().bare().equals(user)) {
            log.info("No session {} to resume for {} from {}", previd, user, stream.remoteAddress());
            return notFound(session == null ? resumable.ended(previd) : null, user);
        }
        awaitWrites(session);
        Element resumed = Element.builder("resumed", SM).attribute("previd", previd)
                .attribute("h", Long.toString(session.receivedCount())).build();
        return switch (session.resume(stream.endpoint(), h, inline ? null : resumed)) {
            case RESUMED -> {
                stream.serve(session);
                log.info("Resumed {} from {}", session.jid(), stream.remoteAddress());
                yield inline ? resumed : null;
            }
            case GONE -> notFound(resumable.ended(previd), user);
            case COUNT_TOO_HIGH -> {
                countTooHigh(stream, session, h);
                yield null;
            }
        };
    }

    /**
     * The 'h' of {@code <resumed/>} must count what the old connection's stanzas became: written
     * (counted) or failed (sent again by the client). A client that resumes within milliseconds of
     * losing its connection may find a write still on its way.
     */
    private static void awaitWrites(ClientSession session) {
        try {
            session.inboundWritten().get(RESUME_WAITS_FOR_WRITES.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Resuming {} before the writes of what it sent completed", session.jid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Element failed(StanzaError condition) {
        return failedWith(condition).build();
    }

    private static Element.Builder failedWith(StanzaError condition) {
        return Element.builder("failed", SM).child(Element.of(condition.elementName(), Namespaces.STANZA_ERRORS));
    }

    /**
     * XEP-0198 §5: a session that timed out (or ended) is item-not-found, with the 'h' it
     * handled when the server still knows it, so that the client sends again only what the
     * server never had; told only to the session's own user.
     */
    private static Element notFound(ResumableSessions.Ended ended, Jid user) {
        if (ended == null || !ended.user().equals(user)) {
            return failed(StanzaError.ITEM_NOT_FOUND);
        }
        return failedWith(StanzaError.ITEM_NOT_FOUND).attribute("h", Long.toString(ended.handled())).build();
    }

    private static boolean isTrue(String value) {
        return "true".equals(value) || "1".equals(value);
    }

    /** A sequence number or 'max' (an unsigned 32-bit integer), or null when absent or not one. */
    private static Long parseCount(String value) {
        if (value == null) {
            return null;
        }
        try {
            long n = Long.parseLong(value.trim());
            return n < 0 || n > MAX_H ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
