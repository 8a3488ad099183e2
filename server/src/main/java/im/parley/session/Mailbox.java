package im.parley.session;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's work in arrival order on a virtual thread that exists only while there
 * is work (an actor). Code submitted here may block on storage without holding up a Netty event
 * loop, and never runs concurrently with other work of the same mailbox.
 */
public final class Mailbox {
    private static final Logger log = LoggerFactory.getLogger(Mailbox.class);
    private static final Thread.Builder THREADS = Thread.ofVirtual().name("session-", 0);

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger pending = new AtomicInteger();

    /** Queues a task; starts the mailbox's thread if it is not running. Never blocks. */
    public void submit(Runnable task) {
        tasks.add(task);
        pending.incrementAndGet();
        if (running.compareAndSet(false, true)) {
            THREADS.start(this::drain);
        }
    }

    /** Tasks queued and not yet finished: lets the reader stop reading from a client that outpaces us. */
    public int pending() {
        return pending.get();
    }

    private void drain() {
        while (true) {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    log.error("Session task failed", e);
                } finally {
                    pending.decrementAndGet();
                }
            }
            running.set(false);
            // A task queued between the last poll and the flag reset would otherwise wait forever.
            if (tasks.isEmpty() || !running.compareAndSet(false, true)) {
                return;
            }
        }
    }
}
