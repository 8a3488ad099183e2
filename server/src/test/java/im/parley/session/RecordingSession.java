package im.parley.session;

import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StreamError;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A bound session for tests without a network: it records what it is sent and keeps its state. */
public class RecordingSession implements Session {
    private final Jid jid;
    private final List<Stanza> delivered = new CopyOnWriteArrayList<>();
    private final Map<SessionKey<?>, Object> state = new ConcurrentHashMap<>();
    private volatile Stanza presence;
    private volatile StreamError closedWith;

    public RecordingSession(Jid jid) {
        this.jid = jid;
    }

    /** Everything delivered so far, in order. */
    public List<Stanza> delivered() {
        return delivered;
    }

    /** The stream error the session was closed with, or null while open. */
    public StreamError closedWith() {
        return closedWith;
    }

    @Override
    public Jid jid() {
        return jid;
    }

    @Override
    public void deliver(Stanza stanza) {
        delivered.add(stanza);
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
        return (T) state.get(key);
    }

    @Override
    public <T> void put(SessionKey<T> key, T value) {
        if (value == null) {
            state.remove(key);
        } else {
            state.put(key, value);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T putIfAbsent(SessionKey<T> key, T value) {
        return (T) state.putIfAbsent(key, value);
    }

    @Override
    public void close(StreamError error, String text) {
        closedWith = error;
    }
}
