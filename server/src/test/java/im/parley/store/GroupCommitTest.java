package im.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    @Test
    void concurrentSubmissionsShareOneBatchAndEachGetsItsOwnAnswer() throws Exception {
        CountDownLatch firstBatchStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        try (GroupCommit<Integer, Integer> commit = new GroupCommit<>("test-writer", 100, batch -> {
            batches.add(batch);
            firstBatchStarted.countDown();
            await(release);
            return batch.stream().map(i -> i * 10).toList();
        })) {
            List<Integer> answers = new CopyOnWriteArrayList<>();
            Thread first = Thread.ofVirtual().start(() -> answers.add(commit.submit(0)));
            firstBatchStarted.await(5, TimeUnit.SECONDS);
            // While the first batch is being written, five more callers queue up.
            List<Thread> waiting = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                int item = i;
                waiting.add(Thread.ofVirtual().start(() -> answers.add(commit.submit(item))));
            }
            while (waiting.stream().anyMatch(t -> t.getState() != Thread.State.WAITING)) {
                Thread.sleep(5);
            }
            release.countDown();
            first.join();
            for (Thread t : waiting) {
                t.join();
            }
            assertThat(batches).hasSize(2);
            assertThat(batches.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
            assertThat(answers).containsExactlyInAnyOrder(0, 10, 20, 30, 40, 50);
        }
    }

    @Test
    void aFailedBatchFailsEveryCallerInIt() {
        try (GroupCommit<String, Boolean> commit = new GroupCommit<>("test-writer", 10, batch -> {
            throw new IllegalStateException("disk full");
        })) {
            assertThatThrownBy(() -> commit.submit("a")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("disk full");
        }
    }

    @Test
    void closeWritesWhatWasSubmittedThenRefusesMore() throws Exception {
        List<String> written = new CopyOnWriteArrayList<>();
        GroupCommit<String, Boolean> commit = new GroupCommit<>("test-writer", 10, batch -> {
            written.addAll(batch);
            return batch.stream().map(s -> true).toList();
        });
        assertThat(commit.submit("before")).isTrue();
        commit.close();
        assertThat(written).containsExactly("before");
        assertThatThrownBy(() -> commit.submit("after")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void lastWriteWinsWritesOnlyTheLatestValueOfEachKeyInABatch() throws Exception {
        CountDownLatch firstBatchStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Map<String, Integer>> writes = new CopyOnWriteArrayList<>();
        try (GroupCommit<Map.Entry<String, Integer>, Void> commit = GroupCommit.lastWriteWins("test-writer", 100,
                all -> {
                    writes.add(Map.copyOf(all));
                    firstBatchStarted.countDown();
                    await(release);
                })) {
            Thread first = Thread.ofVirtual().start(() -> commit.submit(Map.entry("x", 0)));
            firstBatchStarted.await(5, TimeUnit.SECONDS);
            List<Thread> queued = new ArrayList<>();
            for (Map.Entry<String, Integer> entry : List.of(Map.entry("a", 1), Map.entry("b", 2), Map.entry("a", 3))) {
                Thread submitter = Thread.ofVirtual().start(() -> commit.submit(entry));
                // Parked in submit: queued behind the first batch, in this order.
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> submitter.getState() == Thread.State.WAITING);
                queued.add(submitter);
            }
            release.countDown();
            first.join();
            for (Thread submitter : queued) {
                submitter.join();
            }
        }
        assertThat(writes).containsExactly(Map.of("x", 0), Map.of("a", 3, "b", 2));
    }

    /** Past the high-water mark a virtual thread waits for the writer; a platform thread (an event loop) never does. */
    @Test
    void pastTheHighWaterMarkAVirtualThreadWaitsAndAPlatformThreadDoesNot() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (GroupCommit<Integer, Void> commit = new GroupCommit<>("test-writer", 100, 2, batch -> {
            writing.countDown();
            await(release);
            return Collections.nCopies(batch.size(), null);
        })) {
            commit.enqueue(0);
            writing.await(5, TimeUnit.SECONDS);
            commit.enqueue(1);
            commit.enqueue(2);
            Thread sender = Thread.ofVirtual().start(() -> commit.enqueue(3));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sender.getState() == Thread.State.WAITING);
            Thread eventLoop = Thread.ofPlatform().start(() -> commit.enqueue(4));
            eventLoop.join(5_000);
            assertThat(eventLoop.isAlive()).isFalse();
            assertThat(sender.isAlive()).isTrue();

            release.countDown();
            sender.join(5_000);
            assertThat(sender.isAlive()).isFalse();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
