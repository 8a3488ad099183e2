package im.parley.store;

import im.parley.xmpp.Jid;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A batched writer (group commit): callers block in {@link #submit} (or go on, holding the future
 * {@link #enqueue} gives them) while one writer thread takes
 * everything that is waiting and writes it in one transaction. Under load many stores share one
 * commit, so durability costs one disk sync per batch rather than per item; when idle a lone
 * item is written at once. With one writer per table, writes to it never wait for each other's
 * row locks either (a burst of ten thousand logouts once left H2 spinning on its locks).
 *
 * @param <T> what is written
 * @param <R> the per-item answer of a batch write
 */
public final class GroupCommit<T, R> implements AutoCloseable {
    private record Pending<T, R>(T item, CompletableFuture<R> result) {
    }

    private final Function<List<T>, List<R>> writeBatch;
    private final int maxBatch;
    private final int highWater;
    private final BlockingQueue<Pending<T, R>> queue = new LinkedBlockingQueue<>();
    /** Signalled when the writer has taken items, for callers waiting past the high-water mark. */
    private final ReentrantLock drained = new ReentrantLock();
    private final Condition belowHighWater = drained.newCondition();
    /** Queued last by {@link #close}: the writer stops once it has written everything before it. */
    private final Pending<T, R> stop = new Pending<>(null, null);
    private final Thread writer;
    private boolean closed;

    /**
     * @param writeBatch writes a batch in one transaction and returns one answer per item, in order;
     *     it runs on the writer thread only
     */
    public GroupCommit(String threadName, int maxBatch, Function<List<T>, List<R>> writeBatch) {
        this(threadName, maxBatch, Integer.MAX_VALUE, writeBatch);
    }

    /**
     * @param highWater how many items may wait before {@link #enqueue} makes a virtual thread
     *     wait until the writer has caught up (a slow database must not grow the heap without
     *     limit); a platform thread (an event loop) never waits and queues past it
     * @param writeBatch writes a batch in one transaction and returns one answer per item, in order;
     *     it runs on the writer thread only
     */
    public GroupCommit(String threadName, int maxBatch, int highWater, Function<List<T>, List<R>> writeBatch) {
        this.writeBatch = writeBatch;
        this.maxBatch = maxBatch;
        this.highWater = highWater;
        this.writer = Thread.ofPlatform().name(threadName).daemon().start(this::run);
    }

    /**
     * A writer of the latest value per key (a user's last presence, say): a batch holding several
     * values for one key writes only the last one submitted.
     *
     * @param writeAll writes every key's value in one transaction
     */
    public static <K, V> GroupCommit<Map.Entry<K, V>, Void> lastWriteWins(String threadName, int maxBatch,
            Consumer<Map<K, V>> writeAll) {
        return new GroupCommit<>(threadName, maxBatch, batch -> {
            Map<K, V> latest = new LinkedHashMap<>();
            batch.forEach(entry -> latest.put(entry.getKey(), entry.getValue()));
            writeAll.accept(latest);
            return Collections.nCopies(batch.size(), null);
        });
    }

    /**
     * A writer of each user's latest value into a key-value store: one transaction per batch,
     * holding only the last value submitted for each user.
     */
    public static <V> GroupCommit<Map.Entry<Jid, V>, Void> latestPerUser(String threadName, int maxBatch,
            KeyValueStore store, Function<V, KeyValueStore.Value> encode) {
        return lastWriteWins(threadName, maxBatch, latest -> {
            Map<Jid, KeyValueStore.Value> values = new LinkedHashMap<>();
            latest.forEach((user, value) -> values.put(user, encode.apply(value)));
            store.setAll(values);
        });
    }

    /**
     * Blocks until the batch holding {@code item} has been committed and returns its answer.
     *
     * @throws RuntimeException what the batch write threw (nothing of that batch was written)
     * @throws IllegalStateException once closed
     */
    public R submit(T item) {
        try {
            return enqueue(item).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Queues {@code item}, without waiting unless a virtual thread finds the queue past its
     * high-water mark: the future completes with its answer once its batch
     * has been committed, or exceptionally with what the batch write threw. Items are written in
     * the order they were queued, so when an item's future completes every earlier one is done.
     *
     * @throws IllegalStateException once closed
     */
    public CompletableFuture<R> enqueue(T item) {
        if (Thread.currentThread().isVirtual() && queue.size() >= highWater) {
            awaitBelowHighWater();
        }
        CompletableFuture<R> result = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the writer is closed");
            }
            queue.add(new Pending<>(item, result));
        }
        return result;
    }

    private void awaitBelowHighWater() {
        drained.lock();
        try {
            while (queue.size() >= highWater && writer.isAlive()) {
                belowHighWater.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            drained.unlock();
        }
    }

    /** Writes what was submitted before, then stops the writer thread. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(stop);
        }
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Pending<T, R>> batch = new ArrayList<>(maxBatch);
        boolean stopping = false;
        while (!stopping) {
            batch.clear();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, maxBatch - 1);
            signalDrained();
            // Nothing is queued after the stop marker, so it can only be the batch's last item.
            stopping = batch.getLast() == stop;
            if (stopping) {
                batch.removeLast();
            }
            write(batch);
        }
    }

    private void signalDrained() {
        drained.lock();
        try {
            belowHighWater.signalAll();
        } finally {
            drained.unlock();
        }
    }

    private void write(List<Pending<T, R>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            List<R> answers = writeBatch.apply(batch.stream().map(Pending::item).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(answers.get(i));
            }
        } catch (RuntimeException | Error e) {
            batch.forEach(p -> p.result().completeExceptionally(e));
        }
    }
}
