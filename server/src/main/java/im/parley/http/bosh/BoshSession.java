package im.parley.http.bosh;

import im.parley.auth.TlsInfo;
import im.parley.net.OutboundQueue;
import im.parley.net.ReadPacing;
import im.parley.net.StreamKind;
import im.parley.net.StreamWriter;
import im.parley.stream.ClientStream;
import im.parley.stream.Connection;
import im.parley.xml.Element;
import im.parley.xmpp.Namespaces;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One BOSH session (XEP-0124) carrying one XMPP stream (XEP-0206): the transport under a
 * {@link ClientStream}, which negotiates and serves it exactly as it does a TCP connection.
 *
 * <p>Requests are taken in 'rid' order within a window of {@link Terms#requests()} (one that
 * comes early waits for the gap to fill); each is held until the stream has something for the
 * client or its 'wait' is over, at most {@link Terms#hold()} at once, and answered oldest first.
 * What the stream sends meanwhile is serialized on the sender's thread and queued (an
 * {@link OutboundQueue}, bounded and counted as a TCP connection's queue is). The answers to the
 * latest requests are kept, so that a request the client repeats after a broken connection gets
 * the same answer (§14.3).
 *
 * <p>Everything but the {@link Connection} methods runs on one event loop, the one of the
 * connection that created the session, so the session's state needs no lock; requests arriving on
 * other connections are handed to it. Nothing blocks there: a held request is parked in the
 * session with a timer for its wait.
 */
final class BoshSession implements Connection {
    private static final Logger log = LoggerFactory.getLogger(BoshSession.class);
    /**
     * The most payload bytes one response carries (one payload always, however large): what the
     * session keeps to answer repeated requests stays within {@link Terms#requests()} of these.
     */
    private static final int RESPONSE_BYTES = 64 * 1024;

    /** A serialized payload and its size in UTF-8, counted against the cap. */
    private record Payload(String xml, int bytes) {
    }

    /** How the stream ended: the terminal condition, and the {@code <stream:error/>} a remote-stream-error carries. */
    private record Terminal(Condition condition, String streamError) {
        static Terminal of(Element error) {
            if (error == null) {
                return new Terminal(null, "");
            }
            Element defined = error.firstElement();
            String name = defined == null ? "" : defined.name();
            // XEP-0124 §17.2 has conditions of its own for these; any other stream error is carried (XEP-0206 §8).
            return switch (name) {
                case "host-unknown" -> new Terminal(Condition.HOST_UNKNOWN, "");
                case "system-shutdown" -> new Terminal(Condition.SYSTEM_SHUTDOWN, "");
                default -> new Terminal(Condition.REMOTE_STREAM_ERROR, payload(error));
            };
        }

        Map<String, String> attributes() {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("type", "terminate");
            if (condition != null) {
                attributes.put("condition", condition.value());
            }
            return attributes;
        }
    }

    private final BoshSessions owner;
    private final String sid;
    private final EventLoop loop;
    private final Terms terms;
    private final TlsInfo tls;
    private final InetSocketAddress remoteAddress;
    private volatile ClientStream stream;
    /** Created over HTTPS: a secure session, whose requests must all come over HTTPS (§15). */
    private boolean https;
    /** The creation request's {@code xmpp:version}, for restart requests that leave it out (as Smack's do). */
    private String xmppVersion;

    // ---- written from any thread ----
    /** What the stream sent and no response has taken yet, bounded and counted as a TCP connection's queue. */
    private final OutboundQueue<Payload> outbound;
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    /** Set once the stream closed: the last response terminates the session. */
    private volatile Terminal terminal;
    /** The stream header's 'from' and id, for the first response after they are known (XEP-0206 §5). */
    private volatile String from;
    private volatile String streamId;

    // ---- the event loop's ----
    private long creationRid;
    /** The highest 'rid' taken in order: every request up to it has been received. */
    private long lastRid;
    /** Requests that came before a gap in the 'rid' order filled. */
    private final TreeMap<Long, Exchange> early = new TreeMap<>();
    /** Requests taken and not answered yet, oldest first. */
    private final ArrayDeque<Exchange> held = new ArrayDeque<>();
    /** The latest answers by 'rid', for a client that repeats a request (§14.3). */
    private final LinkedHashMap<Long, String> answers = new LinkedHashMap<>();
    private boolean streamAnnounced;
    private ScheduledFuture<?> inactivity;
    /** A pause the client asked for (§11), in seconds, until its next request; 0 for none. */
    private long pause;
    /** In a polling session, when the last request came if it was empty and its answer too; 0 otherwise. */
    private long lastEmptyPoll;
    private boolean ended;

    BoshSession(BoshSessions owner, String sid, EventLoop loop, Terms terms, TlsInfo tls, InetSocketAddress remoteAddress,
            int maxQueuedBytes, LongAdder queuedTotal) {
        this.owner = owner;
        this.sid = sid;
        this.loop = loop;
        this.terms = terms;
        this.tls = tls;
        this.remoteAddress = remoteAddress;
        this.outbound = new OutboundQueue<>(maxQueuedBytes, queuedTotal, Payload::bytes, max -> stream.outboundFull(max));
    }

    EventLoop loop() {
        return loop;
    }

    /** Takes the session creation request (on the loop): it opens the XMPP stream, and its answer carries the terms. */
    void start(Exchange creation, Function<Connection, ClientStream> streams, Duration unauthenticated) {
        stream = streams.apply(this);
        creationRid = creation.rid();
        https = creation.tls();
        xmppVersion = creation.body().xbosh("version");
        lastRid = creationRid - 1;
        loop.schedule(() -> {
            if (!ended && !stream.isAuthenticated()) {
                stream.timedOut("Not authenticated in time");
            }
        }, unauthenticated.toNanos(), TimeUnit.NANOSECONDS);
        receive(creation);
    }

    // ---- requests, on the loop ----

    void receive(Exchange request) {
        if (ended) {
            // Ended between the lookup and now: as for any unknown session.
            answerTerminal(request, Condition.ITEM_NOT_FOUND, "session " + sid + " has ended");
            return;
        }
        if (https && !request.tls()) {
            // §15: a secure session's requests come over HTTPS; closing the connection, not the session.
            log.info("BOSH session {}: a request of a secure session came over plain HTTP from {}: connection closed",
                    sid, request.channel().remoteAddress());
            request.channel().close();
            return;
        }
        stopInactivity();
        if (request.rid() <= lastRid) {
            repeated(request);
        } else if (request.rid() > lastRid + terms.requests()) {
            fail(request, Condition.ITEM_NOT_FOUND, "rid " + request.rid() + " beyond the window after " + lastRid);
        } else {
            early(request);
        }
        awaitNextRequest();
    }

    /** A request within the window: taken now if it is the next, else when those before it have come (§14.1). */
    private void early(Exchange request) {
        Exchange earlier = early.put(request.rid(), request);
        if (earlier != null) {
            earlier.respond(HttpResponseStatus.OK, terms.contentType(), Exchange.RECOVERABLE_ERROR);
        } else if (held.size() + early.size() > terms.requests() && !request.body().terminates()
                && request.body().attribute("pause") == null) {
            // §11: more requests open at once than the session allows (a pause or terminate may be one more).
            fail(request, Condition.POLICY_VIOLATION, "more than " + terms.requests() + " requests open at once");
            return;
        }
        Exchange next;
        while (!ended && (next = early.remove(lastRid + 1)) != null) {
            take(next);
        }
    }

    /** §14.3: a request received before; answered again, or its answer now goes to the repeat. */
    private void repeated(Exchange request) {
        for (Exchange waiting : held) {
            if (waiting.rid() == request.rid()) {
                waiting.takeOver(request, terms.contentType(), this::watch);
                return;
            }
        }
        String answer = answers.get(request.rid());
        if (answer == null) {
            fail(request, Condition.ITEM_NOT_FOUND, "rid " + request.rid() + " was answered and is no longer kept");
        } else {
            log.debug("BOSH session {}: rid {} repeated, answered again", sid, request.rid());
            request.respond(HttpResponseStatus.OK, terms.contentType(), answer);
        }
    }

    /** The next request in 'rid' order: its payloads go to the stream, and it is held for the answer. */
    private void take(Exchange request) {
        BoshBody.Request body = request.body();
        lastRid = request.rid();
        forgetAcknowledged(body);
        if (body.terminates()) {
            terminatedByClient(request);
            return;
        }
        if (request.rid() == creationRid || body.restart()) {
            // XEP-0206 §5: a new stream; a restart request's payloads are ignored.
            stream.streamOpened(header(body));
        } else {
            body.payloads().forEach(stream::element);
        }
        request.channel().eventLoop().execute(() -> ReadPacing.afterRead(request.channel(), stream::backlog));
        held.add(request);
        watch(request);
        Long pause = pauseOf(body);
        if (pause != null) {
            pausedFor(request, pause);
            return;
        }
        if (pollsTooOften(request)) {
            fail(request, Condition.POLICY_VIOLATION, "empty polls less than " + Terms.POLLING_SECONDS + " s apart");
            return;
        }
        while (held.size() > terms.hold()) {
            answerOldest();
        }
        flush();
        if (held.contains(request)) {
            request.expiry = loop.schedule(() -> expired(request), terms.waitSeconds(), TimeUnit.SECONDS);
        }
    }

    /** §9: a client that acknowledges answers needs none of those kept for it again. */
    private void forgetAcknowledged(BoshBody.Request body) {
        try {
            Long ack = body.number("ack");
            if (ack != null) {
                answers.keySet().removeIf(rid -> rid <= ack);
            }
        } catch (BoshException e) {
            log.debug("BOSH session {}: ignored 'ack' ({})", sid, e.getMessage());
        }
    }

    private Element header(BoshBody.Request body) {
        Element.Builder header = Element.builder("stream", Namespaces.STREAMS);
        setIfPresent(header, "to", body.attribute("to"));
        String version = body.xbosh("version");
        setIfPresent(header, "version", version != null ? version : xmppVersion);
        setIfPresent(header, "xml:lang", body.attribute("xml:lang"));
        return header.build();
    }

    private static void setIfPresent(Element.Builder element, String name, String value) {
        if (value != null) {
            element.attribute(name, value);
        }
    }

    /**
     * §13: the client ends the session; its payloads (unavailable presence) go first, then the stream
     * closes. The oldest open request acknowledges the end with type='terminate' (the terminate request
     * itself when none is held); every other one, the terminate request too, gets an empty body. All
     * are answered in 'rid' order (§14.2): the held ones, oldest first, then the terminate request.
     */
    private void terminatedByClient(Exchange request) {
        request.body().payloads().forEach(stream::element);
        stream.streamClosed();
        log.debug("BOSH session {} of {} terminated by the client", sid, remoteAddress);
        String acknowledgement = BoshBody.response(Map.of("type", "terminate"), "");
        String empty = BoshBody.response(Map.of(), "");
        boolean acknowledged = false;
        while (!held.isEmpty()) {
            held.poll().respond(HttpResponseStatus.OK, terms.contentType(), acknowledged ? empty : acknowledgement);
            acknowledged = true;
        }
        request.respond(HttpResponseStatus.OK, terms.contentType(), acknowledged ? empty : acknowledgement);
        end();
    }

    /** §11: a pause of at most 'maxpause' seconds; a longer one is ignored. */
    private Long pauseOf(BoshBody.Request body) {
        try {
            Long pause = body.number("pause");
            if (pause != null && pause > terms.maxPause()) {
                log.info("BOSH session {}: a pause of {} s is longer than {} s: ignored", sid, pause, terms.maxPause());
                return null;
            }
            return pause;
        } catch (BoshException e) {
            log.info("BOSH session {}: ignored 'pause' ({})", sid, e.getMessage());
            return null;
        }
    }

    /** Everything held is answered now, the pause request without payloads (and not kept), and inactivity is measured by the pause. */
    private void pausedFor(Exchange request, long seconds) {
        while (!ended && held.peek() != request) {
            answerOldest();
        }
        if (ended) {
            return; // an older request took the stream's end, and answered this one with it
        }
        held.poll().respond(HttpResponseStatus.OK, terms.contentType(), BoshBody.response(Map.of(), ""));
        pause = seconds;
    }

    /** §12: in a polling session, two empty polls in a row within the polling interval, the first answered empty. */
    private boolean pollsTooOften(Exchange request) {
        if (terms.hold() > 0) {
            return false;
        }
        boolean empty = request.body().payloads().isEmpty() && request.rid() != creationRid && !request.body().restart();
        long now = System.nanoTime();
        boolean tooSoon = empty && lastEmptyPoll != 0 && now - lastEmptyPoll < TimeUnit.SECONDS.toNanos(Terms.POLLING_SECONDS);
        lastEmptyPoll = empty && outbound.isEmpty() ? now : 0;
        return tooSoon;
    }

    private void expired(Exchange request) {
        request.expiry = null;
        while (held.contains(request)) {
            answerOldest();
        }
    }

    private void watch(Exchange request) {
        request.watch(() -> loop.execute(this::answerGone));
    }

    /** An HTTP connection of a held request closed: it is answered empty (and kept), so no payload is lost on it. */
    private void answerGone() {
        while (!held.isEmpty() && held.peek().gone()) {
            answerOldest();
        }
    }

    // ---- answers, on the loop ----

    /** Answers held requests while there is something to send. */
    private void flush() {
        while (!ended && !held.isEmpty() && (!outbound.isEmpty() || terminal != null)) {
            answerOldest();
        }
    }

    /**
     * Answers the oldest held request with what waits (none for a request whose connection is
     * gone), up to {@link #RESPONSE_BYTES}; once the stream has closed and nothing waits, with
     * the terminal answer, which ends the session.
     */
    private void answerOldest() {
        Exchange request = held.poll();
        StringBuilder payloads = new StringBuilder();
        int bytes = 0;
        Payload next;
        while (!request.gone() && (next = outbound.peek()) != null
                && (bytes == 0 || bytes + next.bytes() <= RESPONSE_BYTES)) {
            outbound.poll();
            payloads.append(next.xml());
            bytes += next.bytes();
        }
        Terminal end = terminal;
        if (end != null && outbound.isEmpty() && !request.gone()) {
            String answer = BoshBody.response(end.attributes(), payloads.append(end.streamError()));
            request.respond(HttpResponseStatus.OK, terms.contentType(), answer);
            held.forEach(other -> other.respond(HttpResponseStatus.OK, terms.contentType(), answer));
            held.clear();
            end();
            return;
        }
        String answer = BoshBody.response(attributes(request), payloads);
        answers.put(request.rid(), answer);
        if (answers.size() > terms.requests()) {
            Iterator<Long> oldest = answers.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        request.respond(HttpResponseStatus.OK, terms.contentType(), answer);
        awaitNextRequest();
    }

    /** The attributes of an answer: the terms on the creation's, the stream's once known, and 'ack' (§9). */
    private Map<String, String> attributes(Exchange request) {
        Map<String, String> attributes = request.rid() == creationRid
                ? terms.creationAttributes(sid) : new LinkedHashMap<>();
        if (request.rid() == creationRid) {
            // §9.1: acknowledgements throughout the session, announced with the creation request's own rid.
            attributes.put("ack", Long.toString(creationRid));
        } else if (request.rid() != lastRid) {
            attributes.put("ack", Long.toString(lastRid));
        }
        String id = streamId;
        if (!streamAnnounced && id != null) {
            streamAnnounced = true;
            attributes.put("from", from);
            attributes.put("authid", id);
            attributes.put("xmpp:version", "1.0");
        }
        return attributes;
    }

    // ---- ending, on the loop ----

    /** The client broke the protocol: the request is answered with the condition, and the session ends as a dropped connection does. */
    private void fail(Exchange request, Condition condition, String why) {
        answerTerminal(request, condition, why);
        while (!held.isEmpty()) {
            held.poll().respond(condition.status(terms.legacy()), terms.contentType(), BoshSessions.terminate(condition));
        }
        end();
        stream.disconnected();
    }

    private void answerTerminal(Exchange request, Condition condition, String why) {
        log.info("BOSH session {} of {} ended ({}): {}", sid, remoteAddress, condition.value(), why);
        request.respond(condition.status(terms.legacy()), terms.contentType(), BoshSessions.terminate(condition));
    }

    /**
     * §10: when no request waits, the client must make one within the inactivity period; a
     * session it abandons ends, and its XMPP session as if its TCP connection had dropped (stream
     * management may resume it).
     */
    private void awaitNextRequest() {
        if (ended || !held.isEmpty() || !early.isEmpty() || inactivity != null) {
            return;
        }
        long seconds = pause != 0 ? pause : terms.inactivity();
        inactivity = loop.schedule(() -> {
            inactivity = null;
            log.info("BOSH session {} of {} ended: no request for {} s", sid, remoteAddress, seconds);
            end();
            stream.timedOut("No BOSH request for " + seconds + " s");
        }, seconds, TimeUnit.SECONDS);
    }

    private void stopInactivity() {
        if (inactivity != null) {
            inactivity.cancel(false);
            inactivity = null;
        }
        pause = 0;
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        owner.ended(sid);
        outbound.close();
        stopInactivity();
        early.values().forEach(request -> request.respond(HttpResponseStatus.OK, terms.contentType(),
                BoshSessions.terminate(Condition.ITEM_NOT_FOUND)));
        early.clear();
        answers.clear();
        outbound.discard();
    }

    // ---- Connection: from the stream's and senders' threads ----

    @Override
    public void openStream(String from, String id) {
        this.from = from;
        this.streamId = id;
    }

    @Override
    public boolean send(Element element) {
        return enqueue(payload(element));
    }

    /** A payload is a document of its own, as a WebSocket frame is: it declares its namespaces (XEP-0206 §4). */
    private static String payload(Element element) {
        return StreamWriter.toXml(element, StreamKind.CLIENT, true);
    }

    /** Queues a payload unless the stream is closing or the queue's bound would be passed ({@link OutboundQueue}). */
    private boolean enqueue(String xml) {
        if (!outbound.offer(new Payload(xml, ByteBufUtil.utf8Bytes(xml)))) {
            return false;
        }
        scheduleFlush();
        return true;
    }

    private void scheduleFlush() {
        if (flushScheduled.compareAndSet(false, true) && !loop.isShuttingDown()) {
            loop.execute(() -> {
                flushScheduled.set(false);
                flush();
            });
        }
    }

    @Override
    public boolean awaitRoom() {
        return outbound.awaitRoom();
    }

    @Override
    public void closeStream(Element error) {
        outbound.close();
        boolean overflowed = outbound.overflowed();
        terminal = Terminal.of(error);
        if (loop.isShuttingDown()) {
            return;
        }
        loop.execute(() -> {
            if (overflowed) {
                // The stream ends for what waits here: the client gets the error without it.
                outbound.discard();
            }
            flush();
        });
    }

    @Override
    public boolean canStartTls() {
        return false;
    }

    @Override
    public void startTls(Element proceed) {
        throw new IllegalStateException("BOSH has no STARTTLS: TLS is the HTTP connection's");
    }

    /** Each request is a document of its own, so there is no parser to reset: the success goes out as any payload. */
    @Override
    public void restartStream(Element element) {
        enqueue(payload(element));
    }

    @Override
    public TlsInfo tls() {
        return tls;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }
}
