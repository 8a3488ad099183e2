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

    /** The session ended; it is already unbound from the registry. Listeners hear it last-registered first. */
    default void ended(Session session) {
    }
}
