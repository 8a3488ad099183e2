package im.parley.module;

import im.parley.session.Session;

/** Told about a client session's life. Runs on that session's thread. */
public interface SessionListener {
    /** The session has bound a resource (RFC 6120 §7). */
    default void bound(Session session) {
    }

    /** The session sent its initial presence and is now available (RFC 6121 §4.2), e.g. to flush offline messages. */
    default void available(Session session) {
    }

    /**
     * The session now takes messages sent to its bare JID (RFC 6121 §8.5.2.1.1): it became
     * available with a non-negative priority, or raised a negative one to zero or more. XEP-0160
     * delivers stored messages then ("when the recipient next sends non-negative available presence").
     * Messages routed to the session wait until this returns; a listener that delivers something
     * before them later takes a {@link Session#catchUp} here.
     */
    default void acceptsMessages(Session session) {
    }

    /** The session ended; it is already unbound from the registry. Listeners hear it last-registered first. */
    default void ended(Session session) {
    }
}
