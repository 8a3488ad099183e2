package im.parley.session;

/** What the rest of the server is told about a session's life (the modules' session listeners). */
public interface SessionHooks {
    /** The session is bound and serves its stream. */
    void bound(Session session);

    /** The session ended; it is unbound already and takes nothing more. */
    void ended(Session session);
}
