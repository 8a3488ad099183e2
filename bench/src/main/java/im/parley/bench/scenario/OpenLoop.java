package im.parley.bench.scenario;

import java.util.concurrent.locks.LockSupport;

/**
 * Fires events at an offered rate regardless of how fast the server answers (open loop). Each
 * event gets the time it was due, not the time it was fired, so a stalled sender shows up in the
 * measured latency instead of silently lowering the load (no coordinated omission).
 */
final class OpenLoop {
    /** What to do for event number {@code n}, due at {@code dueNanos} (System.nanoTime scale). */
    @FunctionalInterface
    interface Event {
        void fire(long n, long dueNanos);
    }

    private static final long TICK_NANOS = 200_000;

    private OpenLoop() {
    }

    /**
     * Fires up to {@code count} events at {@code ratePerSecond}, stopping early after
     * {@code maxNanos}; returns how many were fired.
     */
    static long run(double ratePerSecond, long count, long maxNanos, Event event) {
        double intervalNanos = 1e9 / ratePerSecond;
        long start = System.nanoTime();
        long fired = 0;
        while (fired < count) {
            long now = System.nanoTime();
            if (now - start > maxNanos) {
                break;
            }
            long due = Math.min(count, (long) ((now - start) / intervalNanos) + 1);
            for (; fired < due; fired++) {
                event.fire(fired, start + (long) (fired * intervalNanos));
            }
            LockSupport.parkNanos(TICK_NANOS);
        }
        return fired;
    }
}
