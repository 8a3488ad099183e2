package im.parley.session;

import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import java.time.Duration;

/** Sessions kept for stream resumption (XEP-0198 §5): what the stream management module may do with them. */
public interface ResumableSessions {
    /**
     * Keeps {@code session} for {@code window} after its connection goes, bound and queueing, so
     * that a new stream of the same user may resume it.
     *
     * @return the unguessable id the client resumes it by
     */
    String keep(ClientSession session, Duration window);

    /** The session kept under {@code id}, or null when there is none (never was, ended, or expired). */
    ClientSession find(String id);

    /** A resumable session that ended: whose it was and how many of its client's stanzas it handled. */
    record Ended(Jid user, long handled) {
    }

    /**
     * The session that was kept under {@code id} and has ended (closed, or not resumed in time),
     * while the server remembers it (a while, and only so many), or null: its 'h' tells a client
     * that tries to resume it what it need not send again (XEP-0198 §5).
     */
    Ended ended(String id);

    /**
     * Sends a stanza a session took and its client never acknowledged where such stanzas go when
     * a session ends ({@link UndeliveredStanzas}); for those the delivery journal still holds at
     * start-up, the server having stopped without ending their sessions.
     */
    void undelivered(Stanza stanza);
}
