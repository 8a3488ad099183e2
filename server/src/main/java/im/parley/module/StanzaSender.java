package im.parley.module;

import im.parley.xmpp.Stanza;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * How a module sends stanzas: the router seen from a feature. The server is the author of what
 * is sent here ({@link Origin#LOCAL}); the stanza's 'from' must already be set.
 */
public interface StanzaSender {
    void route(Stanza stanza);

    /**
     * Sends an IQ get or set (with 'from' and 'to' set; its id is replaced by a fresh one) and
     * returns the response: a result or error stanza, or a {@link java.util.concurrent.TimeoutException}
     * after {@code timeout}. Dependent actions run on the thread that routed the response (or a
     * JDK timer thread after a timeout), so they must not block; never wait on the future from a
     * session thread, which may be the one that has to carry the response.
     */
    CompletableFuture<Stanza> request(Stanza iq, Duration timeout);
}
