package im.parley.s2s;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * What one peer domain may take of this server, over all its incoming streams: how many streams
 * it may have authenticated at once, and how many stanzas a second it may send. A peer sending
 * faster is paced, never dropped: its stanzas wait on its stream's own thread, the stream's
 * backlog grows, and the stream stops reading (TCP then slows the peer down).
 */
final class PeerLimits {
    private final int maxStreams;
    /** Nanoseconds between two stanzas at the allowed rate; 0: no limit. */
    private final long interval;
    /** How far ahead of the steady rate a peer may be: one second's stanzas at once. */
    private final long burst;
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();

    private static final class Peer {
        final AtomicInteger streams = new AtomicInteger();
        /** The time at which the next stanza conforms to the rate (the generic cell rate algorithm's TAT). */
        long conformsAt;
    }

    /** @param stanzasPerSecond 0 for no limit */
    PeerLimits(int maxStreams, int stanzasPerSecond) {
        this.maxStreams = maxStreams;
        this.interval = stanzasPerSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / stanzasPerSecond;
        this.burst = TimeUnit.SECONDS.toNanos(1);
    }

    /** Counts a stream the domain authenticated on; false (and not counted) when it has its maximum already. */
    boolean admit(String domain) {
        AtomicInteger streams = peer(domain).streams;
        if (streams.incrementAndGet() > maxStreams) {
            streams.decrementAndGet();
            return false;
        }
        return true;
    }

    /** A counted stream of the domain has ended. */
    void release(String domain) {
        peer(domain).streams.decrementAndGet();
    }

    /** Waits (on the calling virtual thread) until the domain may send one more stanza. */
    void pace(String domain) {
        if (interval == 0) {
            return;
        }
        Peer peer = peer(domain);
        long wait;
        synchronized (peer) {
            long now = System.nanoTime();
            long conformsAt = Math.max(peer.conformsAt, now);
            wait = conformsAt - burst - now;
            peer.conformsAt = conformsAt + interval;
        }
        long until = System.nanoTime() + wait;
        while (wait > 0) {
            LockSupport.parkNanos(wait);
            wait = until - System.nanoTime();
        }
    }

    private Peer peer(String domain) {
        return peers.computeIfAbsent(domain, d -> new Peer());
    }
}
