package im.parley.module;

import im.parley.session.Session;

/** Told when a client session is bound to a resource and when it ends. Runs on that session's thread. */
public interface SessionListener {
    default void bound(Session session) {
    }

    /** The session is already unbound from the registry when this is called. */
    default void ended(Session session) {
    }
}
