package im.parley.net;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The single timer of a connection, for whatever is due when it is quiet: the end of the time
 * allowed to authenticate, the idle timeout, a whitespace keepalive when the server has sent
 * nothing for half that time (RFC 6120 §4.6.1), and resting the XML parser of a connection that
 * has stopped sending ({@code XmlStreamParser#rest}). Each is off when its {@link StreamTimeouts}
 * duration is null.
 *
 * <p>Reads and writes only note the time; the task fires at the earliest deadline and re-arms
 * itself. One scheduled task per connection instead of one per kind keeps a quiet connection
 * small. Every method runs on the connection's event loop.
 */
final class ConnectionTimer implements Runnable {
    /** What the timer does to its connection. */
    interface Duties {
        boolean isAuthenticated();

        void authenticationTimedOut();

        void idleTimedOut();

        void sendKeepalive();

        /** Frees what an idle connection need not hold; false if it could not (mid-stanza). */
        boolean rest();
    }

    /** A span that is never due. */
    private static final long NEVER = Long.MAX_VALUE;

    private final EventExecutor loop;
    private final Duties duties;
    private final long unauthenticatedNanos;
    private final long idleNanos;
    /** With keepalives only the peer's silence is idleness; without, a write counts as traffic too. */
    private final boolean keepalive;
    private final long keepaliveNanos;
    private final long restNanos;

    private long started;
    private long lastRead;
    private long lastWrite;
    /** Resting was tried since the last read (whether or not it succeeded). */
    private boolean restTried;
    private boolean authenticated;
    private boolean stopped;
    private ScheduledFuture<?> task;
    private long armedFor;

    ConnectionTimer(EventExecutor loop, StreamTimeouts timeouts, Duties duties) {
        this.loop = loop;
        this.duties = duties;
        this.unauthenticatedNanos = nanos(timeouts.unauthenticated());
        this.idleNanos = nanos(timeouts.idle());
        this.keepalive = timeouts.keepalive();
        this.keepaliveNanos = keepalive && idleNanos != NEVER ? idleNanos / 2 : NEVER;
        this.restNanos = nanos(timeouts.rest());
        this.authenticated = unauthenticatedNanos == NEVER;
    }

    private static long nanos(Duration duration) {
        return duration == null ? NEVER : duration.toNanos();
    }

    void start() {
        started = lastRead = lastWrite = System.nanoTime();
        arm(started);
    }

    void read() {
        lastRead = System.nanoTime();
        if (restTried) {
            // The connection woke up: the rest deadline is back, earlier than what is armed.
            restTried = false;
            armNoLaterThan(deadline(lastRead, restNanos, NEVER));
        }
    }

    void wrote() {
        lastWrite = System.nanoTime();
    }

    void stop() {
        stopped = true;
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    @Override
    public void run() {
        task = null;
        if (stopped) {
            return;
        }
        long now = System.nanoTime();
        if (!authenticated && now - started >= unauthenticatedNanos) {
            authenticated = duties.isAuthenticated();
            if (!authenticated) {
                duties.authenticationTimedOut();
                return;
            }
        }
        if (idleNanos != NEVER && now - lastTraffic() >= idleNanos) {
            duties.idleTimedOut();
            return;
        }
        if (keepaliveNanos != NEVER && now - lastWrite >= keepaliveNanos) {
            duties.sendKeepalive();
            lastWrite = now;
        }
        if (!restTried && restNanos != NEVER && now - lastRead >= restNanos) {
            duties.rest();
            restTried = true;
        }
        arm(now);
    }

    private long lastTraffic() {
        return keepalive || lastRead - lastWrite > 0 ? lastRead : lastWrite;
    }

    private void arm(long now) {
        long next = deadline(lastTraffic(), idleNanos, NEVER);
        next = deadline(lastWrite, keepaliveNanos, next);
        if (!authenticated) {
            next = deadline(started, unauthenticatedNanos, next);
        }
        if (!restTried) {
            next = deadline(lastRead, restNanos, next);
        }
        if (next != NEVER) {
            schedule(next, now);
        }
    }

    /** The earlier of {@code since + span} and {@code other} (either may be never). */
    private static long deadline(long since, long span, long other) {
        if (span == NEVER) {
            return other;
        }
        return other == NEVER ? since + span : Math.min(since + span, other);
    }

    private void armNoLaterThan(long deadline) {
        if (!stopped && deadline != NEVER && (task == null || armedFor > deadline)) {
            if (task != null) {
                task.cancel(false);
            }
            schedule(deadline, System.nanoTime());
        }
    }

    private void schedule(long deadline, long now) {
        armedFor = deadline;
        task = loop.schedule(this, Math.max(0, deadline - now), TimeUnit.NANOSECONDS);
    }
}
