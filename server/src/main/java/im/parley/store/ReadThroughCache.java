package im.parley.store;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A bounded cache (Caffeine, least recently and frequently used entries go first) in front of a
 * store, for values read far more often than written: a user's blocklist, a user's settings.
 *
 * <p>Loads run on the calling thread with no lock held: the cache's map only ever receives a
 * future, which the first caller for a key then completes from the store, and concurrent callers
 * for that key wait for it (one load, not one per caller). A store call inside the map's own
 * compute would block every key of the map's bin and, on JDK 21-23, pin a virtual thread's carrier.
 * A failed load is not kept: Caffeine drops a future that completes exceptionally.
 *
 * <p>Writes of one key are serialised by a lock of their own (a {@link ReentrantLock}, which a
 * waiting virtual thread does not pin), and the value they leave is put in the cache after the
 * store has it; a load started before a write can only complete the future the write replaces,
 * never put its older value back.
 */
public final class ReadThroughCache<K, V> {
    private static final int LOCK_STRIPES = 64;

    private final AsyncCache<K, V> cache;
    private final Function<K, V> load;
    private final ReentrantLock[] writeLocks = new ReentrantLock[LOCK_STRIPES];

    /** @param load reads a key's value from the store; never returns null */
    public ReadThroughCache(long maximumSize, Function<K, V> load) {
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).buildAsync();
        this.load = load;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            writeLocks[i] = new ReentrantLock();
        }
    }

    /** The key's value, from the cache or else loaded from the store. */
    public V get(K key) {
        CompletableFuture<V> loading = new CompletableFuture<>();
        CompletableFuture<V> present = cache.asMap().putIfAbsent(key, loading);
        if (present == null) {
            try {
                loading.complete(load.apply(key));
            } catch (RuntimeException | Error e) {
                loading.completeExceptionally(e);
            }
            present = loading;
        }
        try {
            return present.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Changes the key's value: {@code write} gets the current value, writes the change to the
     * store and returns the new value, which the cache then keeps. Writes of one key run one at a
     * time; if {@code write} throws, the cache keeps what it had.
     */
    public V write(K key, UnaryOperator<V> write) {
        ReentrantLock lock = writeLocks[Math.floorMod(key.hashCode(), LOCK_STRIPES)];
        lock.lock();
        try {
            V changed = write.apply(get(key));
            cache.put(key, CompletableFuture.completedFuture(changed));
            return changed;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets the key's value (its data is gone from the store, e.g. with the account). */
    public void invalidate(K key) {
        cache.synchronous().invalidate(key);
    }
}
