package im.parley.s2s;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The dialback verification streams (XEP-0220 §2.3) to each authoritative domain: at most a few
 * at once, a bounded number more waiting for one of them to end, and beyond that none, so that a
 * peer sending many {@code <db:result/>} for a domain (its own, or one it only claims) cannot make
 * this server open as many connections to that domain's server.
 */
final class Verifications {
    private final int maxStreams;
    private final int maxWaiting;
    /** The domains with verifications under way (removed when the last one ends). */
    private final Map<String, Domain> domains = new ConcurrentHashMap<>();

    /** A domain's streams under way and the verifications waiting; changed only in the map's compute. */
    private static final class Domain {
        int streams;
        final Queue<Runnable> waiting = new ArrayDeque<>();
    }

    Verifications(int maxStreams, int maxWaiting) {
        this.maxStreams = maxStreams;
        this.maxWaiting = maxWaiting;
    }

    /**
     * Starts a verification of {@code domain} now, or once one of its streams ends (its future
     * completes, whichever way); false, and nothing started, when as many wait already.
     */
    boolean submit(String domain, Supplier<CompletableFuture<?>> verification) {
        Runnable start = () -> verification.get().whenComplete((answer, failure) -> ended(domain));
        boolean[] now = {false};
        boolean[] admitted = {true};
        domains.compute(domain, (d, known) -> {
            Domain state = known == null ? new Domain() : known;
            if (state.streams < maxStreams) {
                state.streams++;
                now[0] = true;
            } else if (state.waiting.size() < maxWaiting) {
                state.waiting.add(start);
            } else {
                admitted[0] = false;
            }
            return state;
        });
        if (now[0]) {
            start.run();
        }
        return admitted[0];
    }

    /** How many domains have verifications under way. */
    int domains() {
        return domains.size();
    }

    /** A stream's verification is over: the next waiting one takes its place. */
    private void ended(String domain) {
        Runnable[] next = {null};
        domains.computeIfPresent(domain, (d, state) -> {
            next[0] = state.waiting.poll();
            if (next[0] == null) {
                state.streams--;
            }
            return state.streams == 0 ? null : state;
        });
        if (next[0] != null) {
            next[0].run();
        }
    }
}
