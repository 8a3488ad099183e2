package im.parley.modules.register;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** At most N registrations per source address in any sliding minute; 0 means no limit. */
final class RegistrationRateLimiter {
    private static final long WINDOW_NANOS = 60_000_000_000L;

    private final int perMinute;
    private final Map<InetAddress, Deque<Long>> recent = new ConcurrentHashMap<>();

    RegistrationRateLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Records an attempt and says whether it is within the limit. */
    boolean tryAcquire(InetAddress address, long nowNanos) {
        if (perMinute <= 0 || address == null) {
            return true;
        }
        forgetIdle(nowNanos);
        Deque<Long> times = recent.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && nowNanos - times.peekFirst() >= WINDOW_NANOS) {
                times.removeFirst();
            }
            if (times.size() >= perMinute) {
                return false;
            }
            times.addLast(nowNanos);
            return true;
        }
    }

    /** Drops addresses with no attempt in the window, so the map does not grow without bound. */
    private void forgetIdle(long nowNanos) {
        for (Iterator<Deque<Long>> it = recent.values().iterator(); it.hasNext(); ) {
            Deque<Long> times = it.next();
            synchronized (times) {
                if (times.isEmpty() || nowNanos - times.peekLast() >= WINDOW_NANOS) {
                    it.remove();
                }
            }
        }
    }
}
