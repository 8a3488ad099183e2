package im.parley.session;

import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StreamError;

/** A client's bound session (RFC 6120 §7): what the router needs to deliver to it. */
public interface Session {
    /** The full JID bound to this session. */
    Jid jid();

    /**
     * Queues a stanza for writing to the client, in routing order; never blocks.
     *
     * @return false when the session refused it (its stream is closing or gone, or the client lets
     *     too much wait): the stanza is then as if sent to an unavailable resource (XEP-0198 §5)
     */
    boolean deliver(Stanza stanza);

    /**
     * As {@link #deliver(Stanza)}, for a message written to the delivery journal: a session that
     * keeps it until its client acknowledges it (XEP-0198) holds {@code entry} until then.
     */
    default boolean deliver(Stanza stanza, DeliveryJournal.Entry entry) {
        return deliver(stanza);
    }

    /**
     * Holds the messages routed to this session back, in order, until the returned catch-up is
     * closed: what the client must get before them (the messages stored while it was offline)
     * goes through the catch-up meanwhile. Catch-ups may overlap; the messages wait for the last
     * to close. Only chat and normal messages wait, the kinds offline storage keeps.
     */
    CatchUp catchUp();

    /** Delivery ahead of the messages a session holds back (see {@link #catchUp}). */
    interface CatchUp extends AutoCloseable {
        /** As {@link Session#deliver(Stanza)}, before the messages held back. */
        boolean deliver(Stanza stanza);

        /** Lets the messages held back go, once no other catch-up is open. */
        @Override
        void close();
    }

    /**
     * Waits until the client has taken enough of what waits for it that more may be delivered
     * within its connection's cap, and (stream management) has acknowledged enough. Only for a
     * thread of the session's own (e.g. the offline messages delivered at login): never the
     * router's, which never waits for a slow reader, nor the session's stream thread, which takes
     * the acknowledgements in.
     *
     * @return false when the session will take nothing more
     */
    boolean awaitRoom();

    /** The last presence broadcast by the client without a 'to', or null before initial presence. */
    Stanza presence();

    /** Records the client's broadcast presence (the presence module calls this). */
    void updatePresence(Stanza presence);

    /** Module state kept on this session, or null when none was put. */
    <T> T get(SessionKey<T> key);

    /** Puts (or, with null, removes) module state on this session. */
    <T> void put(SessionKey<T> key, T value);

    /**
     * Puts module state unless some is there already, atomically, so that a value computed from
     * the store cannot overwrite a newer one put meanwhile.
     *
     * @return the state already there (which stays), or null when {@code value} was put
     */
    <T> T putIfAbsent(SessionKey<T> key, T value);

    /** True once the client sent available presence and until it sends unavailable (RFC 6121 §4). */
    default boolean available() {
        Stanza p = presence();
        return p != null && !"unavailable".equals(p.element().attribute("type"));
    }

    /** The priority of the current presence (RFC 6121 §4.7.2.3), 0 when absent or invalid. */
    default int priority() {
        Stanza p = presence();
        if (p == null) {
            return 0;
        }
        String value = p.element().childText("priority");
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(-128, Math.min(127, Integer.parseInt(value.trim())));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Ends the session with a stream error (e.g. conflict when replaced by a new login). */
    void close(StreamError error, String text);
}
