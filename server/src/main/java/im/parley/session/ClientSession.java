package im.parley.session;

import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StreamError;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;

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
     */
    public record Acks(int maxUnacked, int requestEvery, Duration requestWhenIdle, Element request) {
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

    private final Jid jid;
    private final SessionLifecycle owner;
    /** Stanzas the client sent on this session since acknowledgements were enabled (its stream's thread counts). */
    private final AtomicLong received = new AtomicLong();
    private volatile Stanza presence;
    private volatile Map<SessionKey<?>, Object> attributes;

    // Guarded by this: the counted path and the session's state.
    private Endpoint endpoint;
    private State state = State.ATTACHED;
    /** Stanzas numbered since binding; the last one's number. */
    private long sent;
    private Acks acks;
    /** The number of the last stanza sent before acknowledgements were enabled (XEP-0198 counts from there). */
    private long ackBase;
    /** The number of the last stanza the client acknowledged. */
    private long acked;
    /** The number of the last stanza an {@code <r/>} was sent after. */
    private long requestedAt;
    private boolean idleRequestArmed;
    /** Stanzas sent and not acknowledged, oldest first; numbered {@code acked + 1} on. */
    private final ArrayDeque<Stanza> unacked = new ArrayDeque<>();
    private String resumptionId;
    private Duration resumptionWindow;
    private ScheduledFuture<?> expiry;
    /** While the client is inactive: what to hold back. */
    private HoldPolicy holding;
    /** Held back and not numbered yet, by key, oldest first; null until something is held. */
    private Map<Object, Stanza> held;

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
    public synchronized boolean deliver(Stanza stanza) {
        if (holding != null && state != State.ENDED && hold(stanza)) {
            return true;
        }
        return sendHeld() && send(stanza);
    }

    private boolean hold(Stanza stanza) {
        Object key = holding.holdKey(stanza);
        if (key == null) {
            return false;
        }
        if (held == null) {
            held = new LinkedHashMap<>();
        }
        // The newest goes last: it is sent where it came, after what came before it.
        boolean replaced = held.remove(key) != null;
        if (!replaced && held.size() >= holding.maxHeld()) {
            return false;
        }
        held.put(key, stanza);
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
        for (Iterator<Stanza> it = held.values().iterator(); it.hasNext(); ) {
            if (!send(it.next())) {
                return false;
            }
            it.remove();
        }
        return true;
    }

    /** The counted path: numbers the stanza and hands it to the endpoint (see {@link #deliver}). */
    private boolean send(Stanza stanza) {
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
        unacked.add(stanza);
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
            unacked.poll();
        }
        acked += newlyAcked;
        notifyAll();
        return true;
    }

    /** XEP-0198's outbound count, modulo 2^32: stanzas sent since acknowledgements were enabled. */
    public synchronized long sentCount() {
        return Math.floorMod(sent - ackBase, UINT32);
    }

    /** A stanza from the client was handled (its stream's thread). */
    public void receivedStanza() {
        received.incrementAndGet();
    }

    /** XEP-0198's inbound count, modulo 2^32: stanzas from the client handled since it enabled acknowledgements. */
    public long receivedCount() {
        return Math.floorMod(received.get(), UINT32);
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
        for (Stanza stanza : unacked) {
            to.send(stanza);
        }
        if (!unacked.isEmpty()) {
            requestAck();
        }
        holding = null;
        sendHeld();
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

    /** The stanzas never acknowledged, then those still held back, in order; handed over once the session ended. */
    synchronized List<Stanza> takeUndelivered() {
        List<Stanza> left = new ArrayList<>(unacked);
        unacked.clear();
        if (held != null) {
            left.addAll(held.values());
            held = null;
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
