package im.parley.store;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store housekeeping (expiry passes) run at start and then every period on a virtual thread of
 * its own. A pass that fails is logged and the next one runs as planned. Stopping never
 * interrupts a pass, which H2 would take for a closed file: the pass reads {@link #stopping()}
 * between its batches and ends early.
 */
public final class Periodic {
    private static final Logger log = LoggerFactory.getLogger(Periodic.class);

    private final String name;
    private final Duration period;
    private final Runnable pass;
    private ScheduledExecutorService scheduler;
    private volatile boolean stopping;

    public Periodic(String name, Duration period, Runnable pass) {
        this.name = name;
        this.period = period;
        this.pass = pass;
    }

    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name(name).factory());
        scheduler.scheduleWithFixedDelay(this::run, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits (10 s at most) for a pass under way to end after its current batch. */
    public void stop() {
        stopping = true;
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("{} did not stop within 10 s", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether a pass should end after its current batch. */
    public boolean stopping() {
        return stopping;
    }

    private void run() {
        try {
            pass.run();
        } catch (RuntimeException e) {
            // An exception would end the schedule.
            log.warn("{} failed, next try in {}: {}", name, period, e.toString());
        }
    }
}
