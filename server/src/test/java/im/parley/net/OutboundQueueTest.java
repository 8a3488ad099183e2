package im.parley.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** The outbound queue's bound, its overflow, the shared count and the wait for room. */
class OutboundQueueTest {
    private static final int BOUND = 100;
    private final LongAdder total = new LongAdder();
    private final List<Integer> overflows = new ArrayList<>();
    private final OutboundQueue<String> queue = new OutboundQueue<>(BOUND, total, String::length, overflows::add);

    @Test
    void takesUpToItsBoundThenOverflowsOnceAndRefusesWhatFollows() {
        assertThat(queue.offer("x".repeat(60))).isTrue();
        assertThat(queue.offer("x".repeat(40))).as("exactly the bound").isTrue();
        assertThat(queue.queuedBytes()).isEqualTo(BOUND);
        assertThat(queue.offer("x")).as("one byte past it").isFalse();
        assertThat(overflows).containsExactly(BOUND);
        assertThat(queue.overflowed()).isTrue();
        assertThat(queue.offer("")).as("nothing after an overflow").isFalse();
        queue.poll();
        assertThat(queue.offer("x")).as("room again, but closed").isFalse();
        assertThat(overflows).hasSize(1);
    }

    @Test
    void anEmptyQueueTakesAnEntryLargerThanItsBoundAndAnEntryOfNoBytesAlwaysGoesIn() {
        assertThat(queue.offer("x".repeat(3 * BOUND))).isTrue();
        assertThat(queue.offer("")).as("a switch of the stream").isTrue();
        assertThat(queue.offer("x")).isFalse();
        assertThat(queue.poll()).hasSize(3 * BOUND);
        assertThat(queue.poll()).isEmpty();
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void theSharedCountHasWhatWaitsInEveryQueue() {
        OutboundQueue<String> other = new OutboundQueue<>(BOUND, total, String::length, overflows::add);
        queue.offer("x".repeat(30));
        queue.offer("x".repeat(20));
        other.offer("x".repeat(7));
        assertThat(total.sum()).isEqualTo(57);
        queue.poll();
        assertThat(total.sum()).isEqualTo(27);
        queue.discard();
        other.close();
        assertThat(other.offer("x")).as("closed").isFalse();
        assertThat(other.overflowed()).isFalse();
        other.discard();
        assertThat(total.sum()).isZero();
        assertThat(overflows).isEmpty();
    }

    @Test
    void discardingReleasesBuffers() {
        OutboundQueue<Object> buffers = new OutboundQueue<>(BOUND, total,
                entry -> entry instanceof ByteBuf buf ? buf.readableBytes() : 0, overflows::add);
        ByteBuf buf = Unpooled.copiedBuffer(new byte[10]);
        buffers.offer(buf);
        buffers.offer((Runnable) () -> { });
        assertThat(total.sum()).isEqualTo(10);
        buffers.discard();
        assertThat(buf.refCnt()).isZero();
        assertThat(total.sum()).isZero();
    }

    @Test
    void aSenderWaitsForTheQueueToDrainToHalfItsBound() throws Exception {
        for (int i = 0; i < 10; i++) {
            queue.offer("x".repeat(10));
        }
        CompletableFuture<Boolean> room = CompletableFuture.supplyAsync(queue::awaitRoom);
        for (int i = 0; i < 4; i++) {
            queue.poll();
        }
        TimeUnit.MILLISECONDS.sleep(200);
        assertThat(room).as("60 bytes wait, more than half").isNotDone();
        queue.poll();
        assertThat(room.get(5, TimeUnit.SECONDS)).isTrue();

        for (int i = 0; i < 5; i++) {
            queue.offer("x".repeat(10));
        }
        CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(queue::awaitRoom);
        queue.close();
        assertThat(closed.get(5, TimeUnit.SECONDS)).as("closed while waiting").isFalse();
    }
}
