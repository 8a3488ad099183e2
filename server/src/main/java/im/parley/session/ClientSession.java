package im.parley.session;

import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StreamError;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client's bound session (RFC 6120 §7): its full JID, its presence, the state modules keep on
 * it, and the count of stanzas sent to it. It is not its connection: the stream that bound it is
 * attached as its {@link Endpoint} and detaches when the connection goes. Whether a detached
 * session ends at once (today) or waits for a new stream to resume it (XEP-0198) is for whoever
 * owns the session's lifecycle to decide; the session itself only stops writing.
 */
public class ClientSession implements Session {
    /** Where a session's stanzas are written: the stream attached to it. */
    public interface Endpoint {
        /** Queues a stanza for writing; never blocks. False when the stream refused it (closing, or full). */
        boolean send(Stanza stanza);

        /** Waits for room to send more (see {@link Session#awaitRoom}). */
        boolean awaitRoom();

        /** Ends the stream with a stream error. */
        void close(StreamError error, String text);
    }

    private final Jid jid;
    /** Stanzas handed to an endpoint: stream management's outbound count ('h') will start here. */
    private final AtomicLong sent = new AtomicLong();
    private volatile Endpoint endpoint;
    private volatile Stanza presence;
    private volatile Map<SessionKey<?>, Object> attributes;

    public ClientSession(Jid jid, Endpoint endpoint) {
        this.jid = jid;
        this.endpoint = endpoint;
    }

    /** Stops writing to {@code from} if it is still the attached endpoint; true if it was. */
    public boolean detach(Endpoint from) {
        if (endpoint != from) {
            return false;
        }
        endpoint = null;
        return true;
    }

    /** Stanzas sent to the client since the session was bound. */
    public long sent() {
        return sent.get();
    }

    @Override
    public Jid jid() {
        return jid;
    }

    /** A detached session takes nothing: the caller treats the stanza as it would for an unavailable resource. */
    @Override
    public boolean deliver(Stanza stanza) {
        Endpoint current = endpoint;
        if (current == null || !current.send(stanza)) {
            return false;
        }
        sent.incrementAndGet();
        return true;
    }

    @Override
    public boolean awaitRoom() {
        Endpoint current = endpoint;
        return current != null && current.awaitRoom();
    }

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

    @Override
    public void close(StreamError error, String text) {
        Endpoint current = endpoint;
        if (current != null) {
            current.close(error, text);
        }
    }
}
