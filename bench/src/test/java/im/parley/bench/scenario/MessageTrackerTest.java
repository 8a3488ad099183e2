package im.parley.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.bench.report.Json;
import org.junit.jupiter.api.Test;

class MessageTrackerTest {
    @Test
    void countsLostAndDuplicatedDeliveriesPerCopy() {
        MessageTracker tracker = new MessageTracker(1, 10, 2);
        long now = System.nanoTime();
        tracker.record("run", tracker.body("run", 0, now), now);
        tracker.record("run", tracker.body("run", 0, now), now);
        tracker.record("run", tracker.body("run", 1, now), now);
        tracker.record("run", tracker.body("run", 2, now), now);
        tracker.record("run", tracker.body("run", 2, now), now);
        tracker.record("run", tracker.body("run", 2, now), now);

        Json losses = tracker.losses(4);
        assertThat(losses.get("lost")).isEqualTo(1L + 2L); // seq 1 once short, seq 3 never came
        assertThat(losses.get("duplicated")).isEqualTo(1L);
        assertThat(tracker.received()).isEqualTo(6);
    }

    @Test
    void ignoresMessagesOfOtherRunsAndSteps() {
        MessageTracker tracker = new MessageTracker(1, 10, 1);
        MessageTracker earlier = new MessageTracker(0, 10, 1);
        long now = System.nanoTime();
        assertThat(tracker.record("run", earlier.body("run", 0, now), now)).isFalse();
        assertThat(tracker.record("run", tracker.body("other", 0, now), now)).isFalse();
        assertThat(tracker.record("run", "hello", now)).isFalse();
        assertThat(tracker.record("run", null, now)).isFalse();
        assertThat(tracker.received()).isZero();
    }

    @Test
    void latencyIsMeasuredFromTheDueTime() {
        MessageTracker tracker = new MessageTracker(0, 1, 1);
        long due = 1_000_000_000L;
        tracker.record("run", tracker.body("run", 0, due), due + 5_000_000L);
        assertThat(tracker.latency().getMaxValue()).isBetween(4_990L, 5_010L);
    }
}
