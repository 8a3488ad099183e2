package im.parley.s2s;

import im.parley.module.Origin;
import im.parley.net.XmlStreamChannel;
import im.parley.stream.StreamEvents;
import im.parley.xml.Element;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import im.parley.xmpp.StreamError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream this server opens to a peer, for one domain pair (the initiating side of RFC 6120,
 * XEP-0178 and XEP-0220): the peer's addresses tried in turn, STARTTLS, then SASL EXTERNAL where
 * the peer offers it, else dialback for the pair, after which the stanzas queued meanwhile go out
 * in order and later ones directly; or, for a verification stream, one {@code <db:verify/>} whose
 * answer completes {@link #verification}.
 */
final class OutgoingStream extends ServerStream implements Federation.PairStream {
    private static final Logger log = LoggerFactory.getLogger(OutgoingStream.class);
    /**
     * Stanzas that may wait for one peer while its stream is set up (more are bounced), and that
     * are kept unacknowledged (beyond, the peer's stream management is no longer trusted).
     */
    private static final int MAX_QUEUED = 10_000;

    private enum State { CONNECTING, AUTHENTICATED, FAILED }

    /** A {@code <db:verify/>} to ask (XEP-0220 §2.1.2): the stream id and key the peer was given. */
    record Verify(String streamId, String key, CompletableFuture<Boolean> answer) {
    }

    private final Federation federation;
    private final String local;
    private final String remote;
    /** Null for a stream that sends stanzas, set for a verification stream. */
    private final Verify verification;
    private final Queue<Stanza> queue = new ArrayDeque<>();
    private State state = State.CONNECTING;
    private Iterator<PeerResolver.PeerAddress> addresses;
    private String streamId;
    /** SASL EXTERNAL was asked for on this stream (event loop only); succeeded once the peer said so. */
    private boolean saslTried;
    private boolean saslSucceeded;
    /** XEP-0288 asked for: the peer may send the reverse pair's stanzas on this stream, handled in order here. */
    private volatile boolean bidi;
    /** The peer's last features offered stream management (event loop only). */
    private boolean smOffered;
    /**
     * With stream management on (XEP-0198, enabled once authenticated), the stanzas sent and not
     * yet acknowledged, oldest first; those a dropped connection leaves here are sent again on a new
     * stream (duplicates are possible, loss is not). Under the lock, as {@link #state}.
     */
    private Deque<Stanza> unacked;
    /** The peer's last 'h' (mod 2^32) and whether an {@code <r/>} waits for its answer. */
    private long acknowledged;
    private boolean ackRequested;

    OutgoingStream(Federation federation, String local, String remote, Verify verification) {
        this.federation = federation;
        this.local = local;
        this.remote = remote;
        this.verification = verification;
    }

    String local() {
        return local;
    }

    String remote() {
        return remote;
    }

    /** Connects to the first address that answers; on a virtual thread, as resolving waits for DNS. */
    void start(List<PeerResolver.PeerAddress> candidates) {
        addresses = candidates.iterator();
        connectNext(null);
    }

    private void connectNext(Throwable lastFailure) {
        if (!addresses.hasNext()) {
            String reason = lastFailure == null ? "no address found for " + remote : lastFailure.getMessage();
            fail(StanzaError.REMOTE_SERVER_NOT_FOUND, "Cannot reach " + remote + ": " + reason);
            return;
        }
        federation.connect(addresses.next(), this).addListener(f -> {
            if (!f.isSuccess()) {
                connectNext(f.cause());
            }
        });
    }

    /**
     * Sends a stanza once the pair is authenticated, queues it until then (bounced when too many
     * wait); false when this stream is gone or refused it, so that the caller opens a new one.
     */
    @Override
    public boolean offer(Stanza stanza) {
        boolean full;
        synchronized (this) {
            if (state == State.FAILED) {
                return false;
            }
            if (state == State.AUTHENTICATED) {
                // Refused when the peer let too much wait: this stream has failed, the caller opens another.
                return sendCounted(stanza);
            }
            full = queue.size() >= MAX_QUEUED;
            if (!full) {
                queue.add(stanza);
            }
        }
        if (full) {
            federation.bounce(stanza, StanzaError.RESOURCE_CONSTRAINT, "Too many stanzas wait for " + remote);
        }
        return true;
    }

    @Override
    StreamEvents connected(XmlStreamChannel channel) {
        connection = channel;
        connection.openStream(local, remote, null);
        return this;
    }

    @Override
    public void streamOpened(Element header) {
        streamId = header.attribute("id");
    }

    @Override
    void handle(Element element) {
        if (element.is("features", Namespaces.STREAMS)) {
            negotiate(element);
        } else if (element.is("proceed", Namespaces.TLS)) {
            // RFC 6120 §5.4.3.3: the handler buffers the new header until the handshake is done.
            connection.startTls(null, allocator -> federation.connectTls(allocator, remote, connection.remoteAddress()));
            connection.openStream(local, remote, null);
        } else if (element.is("success", Namespaces.SASL)) {
            saslSucceeded = true;
            connection.restartStream(null);
            connection.openStream(local, remote, null);
        } else if (element.is("failure", Namespaces.SASL)) {
            withoutSasl();
        } else if (element.is("result", DIALBACK)) {
            dialbackResult(element);
        } else if (element.is("verify", DIALBACK) && verification != null) {
            verification.answer().complete("valid".equals(element.attribute("type"))
                    && verification.streamId().equals(element.attribute("id")));
            connection.closeStream(null);
        } else if (bidi && Stanza.isStanza(element)) {
            later(element, () -> reverse(element));
        } else if (element.is("a", SM)) {
            acknowledged(element.attribute("h"));
        } else if (element.is("failed", SM)) {
            synchronized (this) {
                unacked = null;
            }
        } else if (element.is("enabled", SM)) {
            log.debug("Stream management on the stream from {} to {}", local, remote);
        } else if (element.is("error", Namespaces.STREAMS)) {
            Element condition = element.childIn(Namespaces.STREAM_ERRORS);
            log.info("The server of {} ended the stream from {}: {}", remote, local,
                    condition == null ? "no condition" : condition.name());
        } else {
            log.debug("Ignored {} on the outgoing stream to {}", element.name(), remote);
        }
    }

    /**
     * STARTTLS first (required unless configured otherwise); then SASL EXTERNAL where the peer
     * offers it (XEP-0178: our certificate proves our domain to it), else dialback for the pair
     * where allowed. Without dialback, the peer's certificate must prove its domain too.
     */
    private void negotiate(Element features) {
        smOffered = features.child("sm", SM) != null;
        if (!connection.isTls() && features.child("starttls", Namespaces.TLS) != null) {
            connection.send(Element.of("starttls", Namespaces.TLS));
        } else if (!connection.isTls() && federation.requireTls()) {
            giveUp("The server of " + remote + " does not offer TLS");
        } else if (verification == null && !bidi && federation.bidi()
                && features.child("bidi", Bidi.FEATURE) != null) {
            // XEP-0288 §2: asked for before authenticating, answered by nothing; negotiation goes on.
            bidi = true;
            connection.send(Element.of("bidi", Bidi.NAMESPACE));
            negotiate(features);
        } else if (verification != null) {
            connection.send(Element.builder("verify", DIALBACK).attribute("from", local)
                    .attribute("to", remote).attribute("id", verification.streamId())
                    .text(verification.key()).build());
        } else if (saslSucceeded) {
            authenticated("SASL EXTERNAL");
        } else if (!federation.dialback() && !federation.proves(connection.peerCertificates(), remote)) {
            giveUp("The certificate of " + remote + " does not prove it (and dialback is off)");
        } else if (offersExternal(features) && !saslTried) {
            saslTried = true;
            connection.send(Element.builder("auth", Namespaces.SASL).attribute("mechanism", "EXTERNAL")
                    .text(Base64.getEncoder().encodeToString(local.getBytes(StandardCharsets.UTF_8))).build());
        } else {
            withoutSasl();
        }
    }

    private static boolean offersExternal(Element features) {
        Element mechanisms = features.child("mechanisms", Namespaces.SASL);
        return mechanisms != null && mechanisms.elements().stream()
                .anyMatch(m -> m.is("mechanism", Namespaces.SASL) && "EXTERNAL".equals(m.text().trim()));
    }

    /** No SASL EXTERNAL (not offered, or refused): dialback where allowed. */
    private void withoutSasl() {
        if (federation.dialback()) {
            connection.send(Element.builder("result", DIALBACK).attribute("from", local)
                    .attribute("to", remote).text(federation.keys().key(remote, local, streamId)).build());
        } else {
            giveUp("The server of " + remote + " does not accept our certificate (and dialback is off)");
        }
    }

    private void giveUp(String reason) {
        fail(StanzaError.REMOTE_SERVER_NOT_FOUND, reason);
        connection.closeStream(null);
    }

    private void dialbackResult(Element result) {
        if (!remote.equals(result.attribute("from")) || !local.equals(result.attribute("to"))) {
            log.debug("Ignored a dialback result for another pair from {}", remote);
        } else if ("valid".equals(result.attribute("type"))) {
            authenticated("dialback");
        } else {
            giveUp("The server of " + remote + " refused " + local + " (dialback " + result.attribute("type") + ")");
        }
    }

    /**
     * A stanza the peer sends back on this bidirectional stream (XEP-0288 §3): only for the reverse
     * of the pair this stream authenticated, once it has, and paced like any peer's.
     */
    private void reverse(Element element) {
        Stanza stanza = Bidi.stanza(element, this);
        if (stanza == null) {
            return;
        }
        boolean authenticated;
        synchronized (this) {
            authenticated = state == State.AUTHENTICATED;
        }
        if (!authenticated || !stanza.from().domain().equals(remote)) {
            fail(StreamError.INVALID_FROM, stanza.from().domain() + " may not send on this stream");
        } else if (!stanza.to().domain().equals(local)) {
            fail(StreamError.HOST_UNKNOWN, stanza.to().domain() + " is not this stream's domain");
        } else {
            federation.peerLimits().pace(remote);
            federation.received(stanza, Origin.server(connection.remoteAddress()));
        }
    }

    /** The queued stanzas go out first, in order, under the lock that {@link #send} takes. */
    private void authenticated(String method) {
        federation.authenticated(local, remote, method, connection.remoteAddress(), false);
        synchronized (this) {
            if (smOffered && verification == null) {
                // Counted from here on both sides (XEP-0198 §4): the queued stanzas come after it.
                connection.send(Element.of("enable", SM));
                unacked = new ArrayDeque<>();
            }
            for (Stanza stanza : queue) {
                sendCounted(stanza);
            }
            queue.clear();
            state = State.AUTHENTICATED;
        }
    }

    /**
     * Sends a stanza of the pair (under the lock), kept until acknowledged where stream management
     * is on, with one {@code <r/>} outstanding at a time: each answer asks again while stanzas
     * remain unacknowledged, so the last ones of a burst are acknowledged too, with no timer.
     */
    private boolean sendCounted(Stanza stanza) {
        if (!connection.send(stanza.element())) {
            return false;
        }
        if (unacked != null && unacked.size() >= MAX_QUEUED) {
            log.info("The server of {} leaves {} stanzas unacknowledged: no longer kept", remote, MAX_QUEUED);
            unacked = null;
        }
        if (unacked != null) {
            unacked.add(stanza);
            requestAck();
        }
        return true;
    }

    private void requestAck() {
        if (!ackRequested && !unacked.isEmpty()) {
            ackRequested = true;
            connection.send(Element.of("r", SM));
        }
    }

    /** {@code <a h/>}: what the peer handled leaves the unacknowledged queue; one claiming more than was sent ends the stream. */
    private void acknowledged(String h) {
        synchronized (this) {
            long count;
            try {
                count = Long.parseLong(h);
            } catch (NumberFormatException e) {
                count = -1;
            }
            long handled = (count - acknowledged) & 0xFFFF_FFFFL;
            if (unacked == null || count < 0 || count > 0xFFFF_FFFFL || handled > unacked.size()) {
                log.info("The server of {} acknowledged stanzas it was not sent (h={})", remote, h);
            } else {
                for (long i = 0; i < handled; i++) {
                    unacked.removeFirst();
                }
                acknowledged = count;
                ackRequested = false;
                requestAck();
                return;
            }
        }
        fail(StreamError.UNDEFINED_CONDITION, "Acknowledgement of stanzas never sent");
    }

    /** Gives up: what waits bounces, and the next stanza for the pair opens a new stream. */
    void fail(StanzaError condition, String text) {
        List<Stanza> waiting;
        List<Stanza> unacknowledged;
        synchronized (this) {
            if (state == State.FAILED) {
                return;
            }
            boolean wasAuthenticated = state == State.AUTHENTICATED;
            state = State.FAILED;
            waiting = List.copyOf(queue);
            queue.clear();
            unacknowledged = unacked == null ? List.of() : List.copyOf(unacked);
            unacked = null;
            // A verification stream's work is done once answered; what ends it then is no failure.
            if (!wasAuthenticated && (verification == null || !verification.answer().isDone())) {
                log.info("Federation from {} to {} failed: {}", local, remote, text);
            }
        }
        federation.gone(local, remote, this);
        if (verification != null) {
            verification.answer().completeExceptionally(new IllegalStateException(text));
        }
        for (Stanza stanza : waiting) {
            federation.bounce(stanza, condition, text);
        }
        if (!unacknowledged.isEmpty()) {
            log.info("Sending {} unacknowledged stanzas from {} to {} again on a new stream", unacknowledged.size(), local, remote);
            unacknowledged.forEach(federation::send);
        }
    }

    /** Not authenticated within the connect timeout: remote-server-timeout (RFC 6120 §8.3.3.17). */
    void connectTimedOut() {
        boolean pending;
        synchronized (this) {
            pending = state == State.CONNECTING;
        }
        if (pending) {
            fail(StanzaError.REMOTE_SERVER_TIMEOUT, "The server of " + remote + " did not answer in time");
            if (connection != null) {
                connection.closeStream(null);
            }
        }
    }

    /**
     * Bad input from the peer: the stream ends with the error and is gone for the pair at once, not
     * once the peer has closed its side (or the close's grace has passed), so that no sender waits
     * for it; what it left unacknowledged goes again on a new stream, as for a dropped connection.
     */
    @Override
    void fail(StreamError condition, String text) {
        super.fail(condition, text);
        fail(StanzaError.REMOTE_SERVER_NOT_FOUND, "The stream to " + remote + " failed: " + text);
    }

    /** The peer does not read what it is sent: the stream ends with the error, and the next stanza opens another. */
    @Override
    public void outboundFull(int maxQueuedBytes) {
        fail(StanzaError.REMOTE_SERVER_TIMEOUT, "The server of " + remote + " does not read what it is sent");
        super.outboundFull(maxQueuedBytes);
    }

    /** True once the pair is authenticated (or the stream failed): past its unauthenticated period. */
    @Override
    public synchronized boolean isAuthenticated() {
        return state != State.CONNECTING;
    }

    @Override
    public void timedOut(String why) {
        if (isAuthenticated()) {
            idle();
        } else {
            connectTimedOut();
        }
    }

    @Override
    void closed() {
        fail(StanzaError.REMOTE_SERVER_NOT_FOUND, "The server of " + remote + " closed the stream");
    }

    @Override
    void idle() {
        federation.gone(local, remote, this);
        fail(StanzaError.REMOTE_SERVER_NOT_FOUND, "Idle stream to " + remote + " closed");
        connection.closeStream(null);
    }
}
