package im.parley.net;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The single timer of a client connection, for whatever is due when it is quiet: the end of the
 * time allowed to authenticate, the idle timeout, a whitespace keepalive when the server has sent
 * nothing for half that time (RFC 6120 §4.6.1), and resting the XML parser of a connection that
 * has stopped sending ({@code XmlStreamParser#rest}).
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

    private final EventExecutor loop;
    private final Duties duties;
    private final long unauthenticatedNanos;
    private final long idleNanos;
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

    ConnectionTimer(EventExecutor loop, ClientListener.Timeouts timeouts, Duties duties) {
        this.loop = loop;
        this.duties = duties;
        this.unauthenticatedNanos = timeouts.unauthenticated().toNanos();
        this.idleNanos = timeouts.idle().toNanos();
        this.keepaliveNanos = idleNanos / 2;
        this.restNanos = timeouts.rest().toNanos();
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
            armNoLaterThan(lastRead + restNanos);
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
        if (now - lastRead >= idleNanos) {
            duties.idleTimedOut();
            return;
        }
        if (now - lastWrite >= keepaliveNanos) {
            duties.sendKeepalive();
            lastWrite = now;
        }
        if (!restTried && now - lastRead >= restNanos) {
            duties.rest();
            restTried = true;
        }
        arm(now);
    }

    private void arm(long now) {
        long next = Math.min(lastRead + idleNanos, lastWrite + keepaliveNanos);
        if (!authenticated) {
            next = Math.min(next, started + unauthenticatedNanos);
        }
        if (!restTried) {
            next = Math.min(next, lastRead + restNanos);
        }
        schedule(next, now);
    }

    private void armNoLaterThan(long deadline) {
        if (task != null && armedFor > deadline && !stopped) {
            task.cancel(false);
            schedule(deadline, System.nanoTime());
        }
    }

    private void schedule(long deadline, long now) {
        armedFor = deadline;
        task = loop.schedule(this, Math.max(0, deadline - now), TimeUnit.NANOSECONDS);
    }
}
