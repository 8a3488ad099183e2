package im.parley.net;

import io.netty.util.ReferenceCountUtil;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.function.ToIntFunction;

/**
 * What waits to be written to one peer, in the order it was sent, with its byte bound: the
 * backpressure of every stream's transport (a TCP or WebSocket connection, a BOSH session).
 * Senders offer from any thread; one consumer (the transport's event loop) takes from the head.
 *
 * <p>The entries' bytes count against {@code maxBytes} and, while they wait, in {@code total}, the
 * figure shared by all the queues of a kind of connection (what the server reports as queued).
 * Past the bound the queue overflows, once: its peer reads slower than it is sent to, the
 * transport is told (its stream ends with a stream error) and nothing more is taken. An empty
 * queue always takes an entry, so that one stanza larger than the bound cannot end a stream that
 * keeps up; an entry of no bytes (a switch of the stream, such as STARTTLS) always goes in.
 *
 * @param <E> the entries; what is still queued when the queue is discarded is released if it is
 *     reference-counted (a Netty buffer)
 */
public final class OutboundQueue<E> {
    private enum State { OPEN, CLOSING, OVERFLOWED }

    private final int maxBytes;
    private final LongAdder total;
    private final ToIntFunction<? super E> sizes;
    private final IntConsumer overflowed;
    private final Queue<E> entries = new ConcurrentLinkedQueue<>();
    /** Bytes in {@link #entries}. */
    private final AtomicLong queued = new AtomicLong();
    /** Open, closing (nothing more is taken), or closing because the bound was passed. */
    private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);
    /** A sender waiting in {@link #awaitRoom}, woken when the queue drains to half the bound or closes. */
    private volatile Thread roomWaiter;

    /**
     * @param total the bytes waiting in all the queues of this kind of connection (each adds and removes its own)
     * @param sizes an entry's bytes
     * @param overflowed told the bound ({@code maxBytes}) when the queue overflows; called once
     */
    public OutboundQueue(int maxBytes, LongAdder total, ToIntFunction<? super E> sizes,
            IntConsumer overflowed) {
        this.maxBytes = maxBytes;
        this.total = total;
        this.sizes = sizes;
        this.overflowed = overflowed;
    }

    /** Whether entries are taken: neither closed nor overflowed. */
    public boolean isOpen() {
        return state.get() == State.OPEN;
    }

    /** Whether the queue closed because it overflowed: what waits is the reason its stream ends, not for the peer. */
    public boolean overflowed() {
        return state.get() == State.OVERFLOWED;
    }

    /**
     * Queues {@code entry} unless the queue is closed or the entry would take it past its bound
     * (then the queue overflows); false when it was not taken, and the caller still owns it.
     */
    public boolean offer(E entry) {
        if (!isOpen()) {
            return false;
        }
        int size = sizes.applyAsInt(entry);
        long after = queued.addAndGet(size);
        if (size > 0 && after > maxBytes && after > size) {
            queued.addAndGet(-size);
            // Closing from now on: what is sent after this overflow is refused, not half-queued.
            if (state.compareAndSet(State.OPEN, State.OVERFLOWED)) {
                wakeRoomWaiter();
                overflowed.accept(maxBytes);
            }
            return false;
        }
        total.add(size);
        entries.add(entry);
        return true;
    }

    /** The head, left in the queue (consumer only). */
    public E peek() {
        return entries.peek();
    }

    /** Takes the head, or null when the queue is empty (consumer only). */
    public E poll() {
        E entry = entries.poll();
        if (entry != null) {
            int size = sizes.applyAsInt(entry);
            total.add(-size);
            if (queued.addAndGet(-size) <= maxBytes / 2) {
                wakeRoomWaiter();
            }
        }
        return entry;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The bytes waiting here. */
    public long queuedBytes() {
        return queued.get();
    }

    /** Takes nothing more (entries already queued stay, for the consumer to write or discard). */
    public void close() {
        state.compareAndSet(State.OPEN, State.CLOSING);
        wakeRoomWaiter();
    }

    /** Drops what waits (consumer only), releasing the entries that are reference-counted. */
    public void discard() {
        E entry;
        while ((entry = poll()) != null) {
            ReferenceCountUtil.release(entry);
        }
    }

    /**
     * Waits until the queue has drained to half its bound (for a sender that may wait: a session's
     * own thread, never an event loop); false when it closed meanwhile.
     */
    public boolean awaitRoom() {
        long lowMark = maxBytes / 2;
        roomWaiter = Thread.currentThread();
        try {
            while (queued.get() > lowMark && isOpen()) {
                // The consumer wakes us; the timeout only bounds a wake-up that raced this check.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        } finally {
            roomWaiter = null;
        }
        return isOpen();
    }

    private void wakeRoomWaiter() {
        Thread waiter = roomWaiter;
        if (waiter != null) {
            LockSupport.unpark(waiter);
        }
    }
}
