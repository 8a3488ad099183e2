package im.parley.session;

import im.parley.xml.Element;
import im.parley.xmpp.DelayedDelivery;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StreamError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's bound session (RFC 6120 §7): its full JID, its presence, the state modules keep on
 * it, and the one ordered, counted path of every stanza sent to its client. It is not its
 * connection: the stream that bound it is attached as its {@link Endpoint}, and a
 * {@link SessionLifecycle} (which alone makes sessions) detaches it when the connection goes,
 * attaches the stream that resumes it, and ends it.
 *
 * <p>Every stanza to the client goes through {@link #deliver}, which numbers it (the 'h' XEP-0198
 * counts) and hands it to the endpoint under the session's lock, so that the numbers follow the
 * order on the wire. Once the client enabled acknowledgements ({@link #enableAcks}), the stanzas
 * are kept until it acknowledges them; a detached session keeps queueing them for its resumption.
 *
 * <p>Inbound, the session counts the stanzas its client sent (XEP-0198's 'h' the server
 * reports); with a {@link DeliveryJournal}, a message the journal keeps counts only once its
 * entry is written, so that what the server acknowledged survives its crash.
 */
public class ClientSession implements Session {
    /** Where a session's stanzas are written: the stream attached to it. */
    public interface Endpoint {
        /** Queues a stanza for writing; never blocks. False when the stream refused it (closing, or full). */
        boolean send(Stanza stanza);

        /** Queues a stream-level element (XEP-0198's {@code <r/>}) in order with the stanzas, outside their count. */
        boolean sendElement(Element element);

        /** Waits for room to send more (see {@link Session#awaitRoom}). */
        boolean awaitRoom();

        /** Ends the stream with a stream error. */
        void close(StreamError error, String text);
    }

    /**
     * XEP-0198 acknowledgements as the stream management module set them up.
     *
     * @param maxUnacked stanzas kept unacknowledged at most: beyond, the session refuses more
     *     (and its stream ends with policy-violation)
     * @param requestEvery an {@code <r/>} after this many stanzas sent since the last one
     * @param requestWhenIdle an {@code <r/>} this long after a stanza no request covers yet
     * @param request the {@code <r/>} element
     * @param journal where the client's messages are written before they count as handled; null: nowhere
     */
    public record Acks(int maxUnacked, int requestEvery, Duration requestWhenIdle, Element request,
            DeliveryJournal journal) {
    }

    /** A stanza sent and kept until the client acknowledges it, with its journal entry (or null) and when it was first sent. */
    record Kept(Stanza stanza, DeliveryJournal.Entry entry, long sentAt) {
        /** The stanza to send again or to hand on: a message carries the time it was first sent (XEP-0198 §4, XEP-0203). */
        Stanza stamped(String reason) {
            return stanza.isMessage()
                    ? DelayedDelivery.stamp(stanza, stanza.to().domain(), Instant.ofEpochMilli(sentAt), reason)
                    : stanza;
        }

        void release() {
            if (entry != null) {
                entry.release();
            }
        }
    }

    /**
     * What a client does not need at once and may be held back while it says it is inactive
     * (XEP-0352): presence updates, chat states. Asked under the session's lock, in delivery order.
     */
    public interface HoldPolicy {
        /**
         * The key to hold {@code stanza} under, or null to send it now. A later stanza with an
         * equal key replaces it (only the newest is sent), and goes last in the order. Only what
         * may be dropped when the session ends may be held: held stanzas then go where
         * unacknowledged ones go ({@link UndeliveredStanzas}).
         */
        Object holdKey(Stanza stanza);

        /** Stanzas held at most: one more (under a new key) sends them all. */
        int maxHeld();
    }

    /** How a resumption went. */
    public enum Resumption { RESUMED, GONE, COUNT_TOO_HIGH }

    enum State { ATTACHED, DETACHED, ENDED }

    private static final long UINT32 = 1L << 32;
    /**
     * Messages waiting for a catch-up at most: beyond, the session refuses them and its stream
     * ends with policy-violation, as when its connection's queue is full (a client that does
     * not read while it is sent its stored messages).
     */
    static final int MAX_BEHIND = 5000;
    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);
    private static final CompletableFuture<Void> WRITTEN = CompletableFuture.completedFuture(null);

    private final Jid jid;
    private final SessionLifecycle owner;
    /** Stanzas the client sent on this session since acknowledgements were enabled (its stream's thread counts). */
    private final AtomicLong received = new AtomicLong();
    /** Of those, how many count as handled: all before the first whose journal entry is not written yet. */
    private final AtomicLong handled = new AtomicLong();
    /** Completes once every received stanza counts as handled (set on the stream's thread). */
    private volatile CompletableFuture<Void> inboundWrites = WRITTEN;
    private final AtomicBoolean ackWhenWrittenArmed = new AtomicBoolean();
    private final AtomicBoolean journalFailed = new AtomicBoolean();
    private volatile Stanza presence;
    private volatile Map<SessionKey<?>, Object> attributes;

    // Guarded by this: the counted path and the session's state.
    private Endpoint endpoint;
    private State state = State.ATTACHED;
    /** Stanzas numbered since binding; the last one's number. */
    private long sent;
    /** Written under the lock; read without it on the stream's thread (the journal). */
    private volatile Acks acks;
    /** The number of the last stanza sent before acknowledgements were enabled (XEP-0198 counts from there). */
    private long ackBase;
    /** The number of the last stanza the client acknowledged. */
    private long acked;
    /** The number of the last stanza an {@code <r/>} was sent after. */
    private long requestedAt;
    private boolean idleRequestArmed;
    /** Stanzas sent and not acknowledged, oldest first; numbered {@code acked + 1} on. */
    private final ArrayDeque<Kept> unacked = new ArrayDeque<>();
    private String resumptionId;
    private Duration resumptionWindow;
    private ScheduledFuture<?> expiry;
    /** While the client is inactive: what to hold back. */
    private HoldPolicy holding;
    /** Held back and not numbered yet, by key, oldest first; null until something is held. */
    private Map<Object, Kept> held;
    /** Catch-ups open ({@link #catchUp}): while there is one, messages wait in {@code behind}. */
    private int catchUps;
    /** Messages routed during a catch-up, not numbered yet, oldest first; null when none wait. */
    private ArrayDeque<Kept> behind;

    ClientSession(Jid jid, Endpoint endpoint, SessionLifecycle owner) {
        this.jid = jid;
        this.endpoint = endpoint;
        this.owner = owner;
    }

    @Override
    public Jid jid() {
        return jid;
    }

    /** Stanzas sent to the client since the session was bound. */
    public synchronized long sent() {
        return sent;
    }

    /**
     * Numbers the stanza and queues it for the client. With acknowledgements enabled, the stanza
     * is kept until acknowledged, also by a detached session (for the stream that resumes it) and
     * when the connection refuses it. A session that ended, one over its cap of unacknowledged
     * stanzas, and one without acknowledgements whose stream refuses the stanza take nothing:
     * the caller treats the stanza as it would for an unavailable resource.
     *
     * <p>While the client is inactive ({@link #holdBack}), what the policy holds is kept instead,
     * before it is numbered (it is numbered when it is sent); anything else first sends what is
     * held, so that the client gets everything in the order it came (but a held stanza replaced
     * by a newer one with its key). Held stanzas count as taken.
     */
    @Override
    public boolean deliver(Stanza stanza) {
        return deliver(stanza, null);
    }

    /** As {@link #deliver(Stanza)}; a session that keeps the stanza (held back or until acknowledged) holds {@code entry}. */
    @Override
    public synchronized boolean deliver(Stanza stanza, DeliveryJournal.Entry entry) {
        if (catchUps > 0 && state != State.ENDED) {
            return mayHaveBeenStored(stanza) ? waitBehind(stanza, entry) : deliverNow(stanza, entry);
        }
        return sendBehind() && deliverNow(stanza, entry);
    }

    /** Held back (XEP-0352) or sent, after what is held. */
    private boolean deliverNow(Stanza stanza, DeliveryJournal.Entry entry) {
        if (holding != null && state != State.ENDED && hold(stanza, entry)) {
            return true;
        }
        return sendHeld() && send(stanza, entry);
    }

    /**
     * While the session catches up, messages routed to it wait behind what the catch-up delivers
     * (RFC 6120 §10.1: a sender's messages stored before the client came online go first).
     */
    @Override
    public synchronized CatchUp catchUp() {
        catchUps++;
        return new CatchUp() {
            private boolean closed;

            @Override
            public boolean deliver(Stanza stanza) {
                synchronized (ClientSession.this) {
                    return closed ? ClientSession.this.deliver(stanza, null) : deliverNow(stanza, null);
                }
            }

            @Override
            public void close() {
                synchronized (ClientSession.this) {
                    if (!closed) {
                        closed = true;
                        catchUps--;
                        if (catchUps == 0) {
                            sendBehind();
                        }
                    }
                }
            }
        };
    }

    /**
     * The messages a catch-up could have to deliver before: chat and normal ones, which are stored
     * when their recipient is offline (RFC 6121 §8.5.2.2.1); groupchat, headline and error messages
     * never are, so they need not wait.
     */
    private static boolean mayHaveBeenStored(Stanza stanza) {
        return stanza.isMessage() && (stanza.type().equals("chat") || stanza.type().equals("normal"));
    }

    private boolean waitBehind(Stanza stanza, DeliveryJournal.Entry entry) {
        if (behind == null) {
            behind = new ArrayDeque<>();
        } else if (behind.size() >= MAX_BEHIND) {
            if (endpoint != null) {
                endpoint.close(StreamError.POLICY_VIOLATION,
                        "More than " + MAX_BEHIND + " messages waiting for the stored ones to be read");
            }
            return false;
        }
        if (entry != null) {
            entry.hold();
        }
        behind.add(new Kept(stanza, entry, System.currentTimeMillis()));
        return true;
    }

    /**
     * Delivers the messages that waited for a catch-up, oldest first; false if the session
     * refused one (its stream is going): that one and the rest wait, and go where undelivered
     * stanzas go when the session ends.
     */
    private boolean sendBehind() {
        if (behind == null) {
            return true;
        }
        for (Kept next; (next = behind.peek()) != null; behind.poll()) {
            if (!deliverNow(next.stanza(), next.entry())) {
                return false;
            }
            next.release();
        }
        behind = null;
        return true;
    }

    /** Holds the stanza back if the policy says so; a newer one under the same key replaces it (the older is never sent). */
    private boolean hold(Stanza stanza, DeliveryJournal.Entry entry) {
        Object key = holding.holdKey(stanza);
        if (key == null) {
            return false;
        }
        if (held == null) {
            held = new LinkedHashMap<>();
        }
        // The newest goes last: it is sent where it came, after what came before it.
        Kept replaced = held.remove(key);
        if (replaced == null && held.size() >= holding.maxHeld()) {
            return false;
        }
        if (replaced != null) {
            replaced.release();
        }
        if (entry != null) {
            entry.hold();
        }
        held.put(key, new Kept(stanza, entry, System.currentTimeMillis()));
        return true;
    }

    /**
     * Sends what is held, oldest first; false if the session refused one (its stream is going):
     * that one and the rest stay held, and go where undelivered stanzas go when the session ends.
     */
    private boolean sendHeld() {
        if (held == null) {
            return true;
        }
        for (Iterator<Kept> it = held.values().iterator(); it.hasNext(); ) {
            Kept next = it.next();
            if (!send(next.stanza(), next.entry())) {
                return false;
            }
            // Sent: the unacknowledged queue holds its journal entry now, if it keeps it.
            next.release();
            it.remove();
        }
        return true;
    }

    /** The counted path: numbers the stanza and hands it to the endpoint (see {@link #deliver}). */
    private boolean send(Stanza stanza, DeliveryJournal.Entry entry) {
        if (acks == null) {
            if (endpoint == null || !endpoint.send(stanza)) {
                return false;
            }
            sent++;
            return true;
        }
        if (state == State.ENDED) {
            return false;
        }
        if (unacked.size() >= acks.maxUnacked()) {
            if (endpoint != null) {
                endpoint.close(StreamError.POLICY_VIOLATION,
                        "More than " + acks.maxUnacked() + " stanzas unacknowledged");
            }
            return false;
        }
        // A connection that refuses it is going (lost, or closed for a client that stopped
        // reading) and its stream is about to detach or end the session: the stanza waits with
        // the unacknowledged ones, for the stream that resumes the session or for where they go
        // when it ends, rather than be routed elsewhere while the client may still resume.
        boolean written = endpoint != null && endpoint.send(stanza);
        unacked.add(new Kept(stanza, entry, System.currentTimeMillis()));
        if (entry != null) {
            entry.hold();
        }
        sent++;
        if (written) {
            requestAckIfDue();
        }
        return true;
    }

    private void requestAckIfDue() {
        if (endpoint == null || sent == requestedAt) {
            return;
        }
        if (sent - requestedAt >= acks.requestEvery()) {
            requestAck();
        } else if (!idleRequestArmed) {
            idleRequestArmed = true;
            owner.schedule(this::requestAckWhenIdle, acks.requestWhenIdle());
        }
    }

    private synchronized void requestAckWhenIdle() {
        idleRequestArmed = false;
        if (endpoint != null && state != State.ENDED && sent != requestedAt && !unacked.isEmpty()) {
            requestAck();
        }
    }

    private void requestAck() {
        requestedAt = sent;
        endpoint.sendElement(acks.request());
    }

    /**
     * Waits for room on the connection, then, once acknowledgements are enabled, until at most
     * half of {@code maxUnacked} wait for the client's acknowledgement: a client that reads but
     * acknowledges slower than it is sent to holds the sender back instead of reaching the cap.
     */
    @Override
    public boolean awaitRoom() {
        Endpoint current;
        synchronized (this) {
            current = endpoint;
        }
        if (current == null || !current.awaitRoom()) {
            return false;
        }
        synchronized (this) {
            try {
                while (acks != null && endpoint == current && unacked.size() > acks.maxUnacked() / 2) {
                    // acknowledge() wakes us; the timeout only bounds a session that ends meanwhile.
                    wait(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return endpoint == current;
        }
    }

    // ---- XEP-0352, for the client state indication module ----

    /**
     * The client is inactive: from now on, stanzas {@code policy} holds are kept back until
     * {@link #release}. A client that says so twice keeps the policy it had.
     */
    public synchronized void holdBack(HoldPolicy policy) {
        if (holding == null) {
            holding = policy;
        }
    }

    /** The client is active again: what is held is sent now, in order, and nothing more is held. */
    public synchronized void release() {
        holding = null;
        sendHeld();
    }

    /** Stanzas held back while the client is inactive. */
    public synchronized int held() {
        return held == null ? 0 : held.size();
    }

    // ---- XEP-0198, for the stream management module ----

    /**
     * Counts from here on and keeps what is sent until acknowledged; {@code answer} (the
     * {@code <enabled/>}) is written first, under the lock, so that the client's count and ours
     * start at the same stanza.
     *
     * @param answer null when the stream writes it itself before anything it is sent from here on
     *     (inside Bind2's {@code <bound/>}, XEP-0386)
     * @return false if acknowledgements were enabled already
     */
    public synchronized boolean enableAcks(Acks settings, Element answer) {
        if (acks != null || endpoint == null) {
            return false;
        }
        acks = settings;
        ackBase = acked = requestedAt = sent;
        received.set(0);
        handled.set(0);
        if (answer != null) {
            endpoint.sendElement(answer);
        }
        return true;
    }

    public synchronized boolean acksEnabled() {
        return acks != null;
    }

    /** Stanzas sent and kept until the client acknowledges them. */
    public synchronized int unacknowledged() {
        return unacked.size();
    }

    /**
     * The client handled stanzas up to {@code h} (XEP-0198's count, modulo 2^32): they are
     * forgotten.
     *
     * @return false when {@code h} acknowledges more than was sent (handled-count-too-high)
     */
    public synchronized boolean acknowledge(long h) {
        long newlyAcked = Math.floorMod(h - (acked - ackBase), UINT32);
        if (newlyAcked > unacked.size()) {
            return false;
        }
        for (long i = 0; i < newlyAcked; i++) {
            unacked.poll().release();
        }
        acked += newlyAcked;
        notifyAll();
        return true;
    }

    /** XEP-0198's outbound count, modulo 2^32: stanzas sent since acknowledgements were enabled. */
    public synchronized long sentCount() {
        return Math.floorMod(sent - ackBase, UINT32);
    }

    /**
     * The journal entry of a stanza from the client, before it is routed (its stream's thread):
     * the message is written (batched, without waiting) and counts as handled once written.
     *
     * @return null without a journal (acknowledgements off, or none configured) or for a stanza it does not keep
     */
    public DeliveryJournal.Entry journal(Stanza stanza) {
        Acks current = acks;
        return current == null || current.journal() == null ? null : current.journal().record(stanza);
    }

    /**
     * A stanza from the client was handled (its stream's thread). It counts at once, unless it
     * or a stanza before it waits for its journal entry's write: then once that committed, in order.
     */
    public void receivedStanza(DeliveryJournal.Entry entry) {
        long n = received.incrementAndGet();
        CompletableFuture<Void> before = inboundWrites;
        if (entry == null && before.isDone() && !before.isCompletedExceptionally()) {
            handled.set(n);
            return;
        }
        CompletableFuture<?> ready = entry == null ? before : before.thenCombine(entry.written(), (a, b) -> null);
        inboundWrites = ready.handle((v, failure) -> {
            if (failure != null) {
                journalFailed(failure);
                // The count stays where it is for every later stanza too.
                throw new CompletionException(failure);
            }
            handled.set(n);
            return null;
        });
    }

    /**
     * A journal write failed: the message was routed but is not safe, and the count stops before
     * it (it must stay contiguous). The client's stream ends; on resumption it learns the count
     * and sends the rest again (a duplicate rather than a loss).
     */
    private void journalFailed(Throwable failure) {
        if (journalFailed.compareAndSet(false, true)) {
            log.error("The delivery journal write of a stanza from {} failed; its stream ends", jid, failure);
            close(StreamError.INTERNAL_SERVER_ERROR, "Your stanzas could not be stored");
        }
    }

    /** XEP-0198's inbound count, modulo 2^32: stanzas from the client handled since it enabled acknowledgements. */
    public long receivedCount() {
        return Math.floorMod(handled.get(), UINT32);
    }

    /** Completes (also after a failed write) once every stanza received so far counts or never will. */
    public CompletableFuture<?> inboundWritten() {
        return inboundWrites.handle((v, failure) -> null);
    }

    /**
     * Answers an {@code <r/>}: {@code ack} (made with {@link #receivedCount}) goes out at once
     * (XEP-0198 §4: never withheld), and when some stanzas received so far wait for their journal
     * writes, an unrequested one follows once they are written. One follow-up at a time: later
     * requests are covered by the one on its way, or ask again. Each count is read and queued
     * under the session's lock, so that the counts on the wire never go down (a client takes a
     * lower 'h' after a higher one for a wrapped counter).
     */
    public void answerAckRequest(LongFunction<Element> ack) {
        // The follow-up depends on the count that went out, not on a second read: a write that
        // completed between the two would leave the client with the lower count and nothing after.
        long counted = sendAck(ack);
        if (counted != received.get() && ackWhenWrittenArmed.compareAndSet(false, true)) {
            inboundWrites.thenRun(() -> {
                ackWhenWrittenArmed.set(false);
                sendAck(ack);
            });
        }
    }

    /** Sends the count of stanzas handled now (when a stream is attached) and returns it, not wrapped. */
    private synchronized long sendAck(LongFunction<Element> ack) {
        long counted = handled.get();
        if (endpoint != null) {
            endpoint.sendElement(ack.apply(Math.floorMod(counted, UINT32)));
        }
        return counted;
    }

    /**
     * A new stream takes this session over (XEP-0198 §5): what the client acknowledges with
     * {@code h} is forgotten, {@code answer} (the {@code <resumed/>}) is written to {@code to},
     * then every stanza still unacknowledged, in order, and an {@code <r/>}; then what was held
     * back while the client was inactive, numbered as it is sent (a resumed stream starts active,
     * XEP-0352 §6, and held stanzas came after every numbered one). A stream still attached (a
     * connection that looks alive but is not) is closed with conflict.
     *
     * @param answer null when {@code to} writes the {@code <resumed/>} itself before anything it is
     *     sent from here on (inside SASL2's {@code <success/>}, XEP-0388)
     */
    public synchronized Resumption resume(Endpoint to, long h, Element answer) {
        if (state == State.ENDED || acks == null) {
            return Resumption.GONE;
        }
        if (!acknowledge(h)) {
            return Resumption.COUNT_TOO_HIGH;
        }
        if (inboundWrites.isCompletedExceptionally()) {
            // The client was told the count before the failed write and sends the rest again.
            received.set(handled.get());
            inboundWrites = WRITTEN;
            journalFailed.set(false);
        }
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
        }
        Endpoint previous = endpoint;
        endpoint = to;
        state = State.ATTACHED;
        if (previous != null) {
            previous.close(StreamError.CONFLICT, "The session was resumed by another connection");
        }
        if (answer != null) {
            to.sendElement(answer);
        }
        for (Kept kept : unacked) {
            to.send(kept.stamped("Resent"));
        }
        if (!unacked.isEmpty()) {
            requestAck();
        }
        holding = null;
        if (sendHeld() && catchUps == 0) {
            sendBehind();
        }
        return Resumption.RESUMED;
    }

    // ---- the lifecycle's side ----

    synchronized void resumable(String id, Duration window) {
        resumptionId = id;
        resumptionWindow = window;
    }

    synchronized String resumptionId() {
        return resumptionId;
    }

    /** Stops writing to {@code from} if it is still attached and keeps the session for its resumption; the window, or null if it is not resumable. */
    synchronized Duration detach(Endpoint from) {
        if (endpoint != from || state != State.ATTACHED || resumptionWindow == null || acks == null) {
            return null;
        }
        endpoint = null;
        state = State.DETACHED;
        return resumptionWindow;
    }

    synchronized void expiresWith(ScheduledFuture<?> timer) {
        expiry = timer;
    }

    /**
     * Ends the session if {@code from} is still its endpoint, or with null if it is detached;
     * true if it ended now.
     */
    synchronized boolean end(Endpoint from) {
        if (from == null ? state != State.DETACHED : state == State.ENDED || endpoint != from) {
            return false;
        }
        if (expiry != null) {
            expiry.cancel(false);
        }
        state = State.ENDED;
        endpoint = null;
        return true;
    }

    /** True once the session ended if it is still detached (its resumption window is over). */
    synchronized boolean expire() {
        if (state != State.DETACHED) {
            return false;
        }
        state = State.ENDED;
        return true;
    }

    /** True while the session waits, without a connection, for a stream to resume it. */
    public synchronized boolean detached() {
        return state == State.DETACHED;
    }

    /** The stanzas never acknowledged, then those still held back, then those waiting for a catch-up, in order; handed over once the session ended. */
    synchronized List<Kept> takeUndelivered() {
        List<Kept> left = new ArrayList<>(unacked);
        unacked.clear();
        if (held != null) {
            left.addAll(held.values());
            held = null;
        }
        if (behind != null) {
            left.addAll(behind);
            behind = null;
        }
        return left;
    }

    // ---- presence and module state ----

    @Override
    public Stanza presence() {
        return presence;
    }

    @Override
    public void updatePresence(Stanza newPresence) {
        presence = newPresence;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(SessionKey<T> key) {
        Map<SessionKey<?>, Object> map = attributes;
        return map == null ? null : (T) map.get(key);
    }

    @Override
    public synchronized <T> void put(SessionKey<T> key, T value) {
        if (value == null) {
            if (attributes != null) {
                attributes.remove(key);
            }
        } else {
            attributes().put(key, value);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <T> T putIfAbsent(SessionKey<T> key, T value) {
        return (T) attributes().putIfAbsent(key, value);
    }

    /** Most sessions never need module state: the map is made on first use to keep idle sessions small. */
    private Map<SessionKey<?>, Object> attributes() {
        if (attributes == null) {
            attributes = new ConcurrentHashMap<>(4);
        }
        return attributes;
    }

    /** Closes the attached stream with {@code error}; a detached session ends at once. */
    @Override
    public void close(StreamError error, String text) {
        Endpoint current;
        synchronized (this) {
            current = endpoint;
        }
        if (current != null) {
            current.close(error, text);
        } else {
            owner.end(this, null);
        }
    }
}
