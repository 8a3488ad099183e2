package im.parley.session;

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

    /**
     * Sends a stanza a session took and its client never acknowledged where such stanzas go when
     * a session ends ({@link UndeliveredStanzas}); for those the delivery journal still holds at
     * start-up, the server having stopped without ending their sessions.
     */
    void undelivered(Stanza stanza);
}
