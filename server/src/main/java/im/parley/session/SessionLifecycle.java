package im.parley.session;

import im.parley.config.ResourceConflict;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StreamError;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of client sessions' lives: bind, then (when the connection goes) detached for a
 * resumption window if stream management made the session resumable, resumed by a new stream,
 * and ended. It alone binds and unbinds sessions in the {@link SessionRegistry} and runs the end
 * hooks: a session whose connection is lost leaves the registry at once unless it is resumable;
 * a detached resumable session stays bound (the router routes to it and it queues) until it is
 * resumed or its window ends. When a session ends, the stanzas its client never acknowledged, and
 * those held back while it was inactive (XEP-0352), go where they would have gone had the user
 * been offline ({@link UndeliveredStanzas}).
 */
public final class SessionLifecycle implements ResumableSessions, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SessionLifecycle.class);
    /** 144 bits: beyond guessing, and a multiple of 3 bytes so that its base64 has no padding. */
    private static final int ID_BYTES = 18;
    /** Ended resumable sessions remembered for their 'h', at most this many and this long. */
    private static final int ENDED_KEPT = 10_000;
    private static final Duration ENDED_KEPT_FOR = Duration.ofHours(1);

    /** A session just bound, and the one it replaced (to be ended once the new one is live), or null. */
    public record Binding(ClientSession session, Session replaced) {
    }

    private final SessionRegistry registry;
    private final SessionHooks hooks;
    private final UndeliveredStanzas undelivered;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ClientSession> resumable = new ConcurrentHashMap<>();
    /** Guarded by itself; oldest first, so the eldest goes when it is full. */
    private final Map<String, EndedAt> ended = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, EndedAt> eldest) {
            return size() > ENDED_KEPT;
        }
    };

    private record EndedAt(Ended session, long nanos) {
    }
    /** Resumption windows and idle ack requests: short tasks that only queue or hand work to a virtual thread. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("session-timer").factory());

    public SessionLifecycle(SessionRegistry registry, SessionHooks hooks, UndeliveredStanzas undelivered) {
        this.registry = registry;
        this.hooks = hooks;
        this.undelivered = undelivered;
    }

    /**
     * Binds a new session to {@code endpoint} under {@code jid}; null when the resource is taken
     * and the policy refuses. The caller hands the session to its stream, then calls
     * {@link #started} and, once the client has its answer, {@link #replace}.
     */
    public Binding bind(Jid jid, ClientSession.Endpoint endpoint, ResourceConflict policy) {
        ClientSession session = new ClientSession(jid, endpoint, this);
        Session previous = registry.bind(session, policy);
        if (previous == null) {
            return null;
        }
        return new Binding(session, previous == session ? null : previous);
    }

    /** Tells the hooks the session is bound (a hook that throws ends the stream, and so the session). */
    public void started(ClientSession session) {
        hooks.bound(session);
    }

    /** Ends the session a new one replaced; after the new one is live, so that its end hooks see the replacement. */
    public void replace(Session replaced) {
        replaced.close(StreamError.CONFLICT, "Replaced by a new connection");
    }

    /**
     * The connection under {@code from} went without the stream being closed: a resumable session
     * waits for its resumption, any other ends now.
     */
    public void connectionLost(ClientSession session, ClientSession.Endpoint from) {
        Duration window = session.detach(from);
        if (window == null) {
            end(session, from);
            return;
        }
        log.info("Session {} detached, resumable for {} s", session.jid(), window.toSeconds());
        try {
            session.expiresWith(timer.schedule(() -> Thread.ofVirtual().start(() -> expire(session)),
                    window.toMillis(), TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            // Shutting down: nothing will resume it.
            end(session, null);
        }
    }

    private void expire(ClientSession session) {
        if (session.expire()) {
            log.info("Session {} was not resumed in time", session.jid());
            finish(session);
        }
    }

    /** The stream attached as {@code from} is over (null: the session is detached): so is the session, unless another stream resumed it. */
    public void end(ClientSession session, ClientSession.Endpoint from) {
        if (session.end(from)) {
            finish(session);
        }
    }

    private void finish(ClientSession session) {
        String id = session.resumptionId();
        if (id != null && resumable.remove(id, session)) {
            synchronized (ended) {
                ended.put(id, new EndedAt(new Ended(session.jid().bare(), session.receivedCount()), System.nanoTime()));
            }
        }
        registry.unbind(session);
        try {
            for (ClientSession.Kept kept : session.takeUndelivered()) {
                // Stored offline (committed) or bounced when this returns: the journal may let it go.
                undelivered.undelivered(kept.stamped("Offline Storage"));
                kept.release();
            }
            hooks.ended(session);
        } finally {
            registry.ended();
        }
        log.info("Session {} ended ({} stanzas sent to it)", session.jid(), session.sent());
    }

    @Override
    public String keep(ClientSession session, Duration window) {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.resumable(id, window);
        resumable.put(id, session);
        return id;
    }

    @Override
    public Ended ended(String id) {
        synchronized (ended) {
            EndedAt at = ended.get(id);
            return at == null || System.nanoTime() - at.nanos() > ENDED_KEPT_FOR.toNanos() ? null : at.session();
        }
    }

    @Override
    public void undelivered(Stanza stanza) {
        undelivered.undelivered(stanza);
    }

    @Override
    public ClientSession find(String id) {
        return id == null ? null : resumable.get(id);
    }

    /** Runs {@code task} after {@code delay} on the lifecycle's timer (it must only queue). */
    void schedule(Runnable task, Duration delay) {
        try {
            timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("Not scheduled after shutdown: {}", task);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
