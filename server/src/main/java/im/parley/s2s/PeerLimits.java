package im.parley.s2s;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What one peer domain may take of this server, over all its incoming streams: how many streams
 * it may have authenticated at once, and how many stanzas a second it may send. A peer sending
 * faster is paced, never dropped: its stanzas wait on its stream's own thread, the stream's
 * backlog grows, and the stream stops reading (TCP then slows the peer down).
 *
 * <p>A domain is tracked while it has a stream, and for {@link #IDLE} after its last one ended,
 * then forgotten, so that the table holds the peers of the moment, not every domain that ever
 * connected; a peer that reconnects within that time keeps its pace (no fresh burst).
 */
final class PeerLimits {
    /** How long a domain without streams is remembered: well beyond the one second its pace looks ahead. */
    static final Duration IDLE = Duration.ofMinutes(1);

    private final int maxStreams;
    /** Nanoseconds between two stanzas at the allowed rate; 0: no limit. */
    private final long interval;
    /** How far ahead of the steady rate a peer may be: one second's stanzas at once. */
    private final long burst;
    private final Cache<String, Peer> peers;

    private static final class Peer {
        /** Authenticated streams; changed only in the table's compute, so each change is atomic for the domain. */
        volatile int streams;
        /** The time at which the next stanza conforms to the rate (the generic cell rate algorithm's TAT). */
        long conformsAt;
    }

    /** Kept while it has streams; from its last one's end (or its last stanza after it), {@link #IDLE}. */
    private static final class Idle implements Expiry<String, Peer> {
        private static long nanos(Peer peer) {
            return peer.streams > 0 ? Long.MAX_VALUE : IDLE.toNanos();
        }

        @Override
        public long expireAfterCreate(String domain, Peer peer, long now) {
            return nanos(peer);
        }

        @Override
        public long expireAfterUpdate(String domain, Peer peer, long now, long current) {
            return nanos(peer);
        }

        @Override
        public long expireAfterRead(String domain, Peer peer, long now, long current) {
            return nanos(peer);
        }
    }

    /** @param stanzasPerSecond 0 for no limit */
    PeerLimits(int maxStreams, int stanzasPerSecond) {
        this(maxStreams, stanzasPerSecond, Ticker.systemTicker());
    }

    /** @param ticker the clock of the idle expiry (the pace reads {@link System#nanoTime()}) */
    PeerLimits(int maxStreams, int stanzasPerSecond, Ticker ticker) {
        this.maxStreams = maxStreams;
        this.interval = stanzasPerSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / stanzasPerSecond;
        this.burst = TimeUnit.SECONDS.toNanos(1);
        this.peers = Caffeine.newBuilder().expireAfter(new Idle()).ticker(ticker).build();
    }

    /** Counts a stream the domain authenticated on; false (and not counted) when it has its maximum already. */
    boolean admit(String domain) {
        boolean[] admitted = {false};
        peers.asMap().compute(domain, (d, known) -> {
            Peer peer = known == null ? new Peer() : known;
            if (peer.streams < maxStreams) {
                peer.streams++;
                admitted[0] = true;
            }
            return peer;
        });
        return admitted[0];
    }

    /** A counted stream of the domain has ended. */
    void release(String domain) {
        peers.asMap().computeIfPresent(domain, (d, peer) -> {
            peer.streams--;
            return peer;
        });
    }

    /** Waits (on the calling virtual thread) until the domain may send one more stanza. */
    void pace(String domain) {
        if (interval == 0) {
            return;
        }
        Peer peer = peers.get(domain, d -> new Peer());
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

    /** How many domains are tracked now (those with streams, and those idle for less than {@link #IDLE}). */
    long domains() {
        peers.cleanUp();
        return peers.estimatedSize();
    }
}
