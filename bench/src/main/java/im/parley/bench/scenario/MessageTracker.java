package im.parley.bench.scenario;

import im.parley.bench.metrics.Latency;
import im.parley.bench.report.Json;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Counts deliveries of the messages sent in one load step: each message has a sequence number and
 * its due time in the body, the receiver records the latency and which sequence number arrived, so
 * that lost and duplicated messages are counted exactly. A message may be meant for several
 * receivers (a room's occupants): {@code copies} says how many deliveries each should have.
 */
final class MessageTracker {
    private final int step;
    private final int copies;
    private final AtomicIntegerArray deliveries;
    private final Histogram latency = new ConcurrentHistogram(1, 600_000_000L, 3);
    private final AtomicLong received = new AtomicLong();

    MessageTracker(int step, int capacity, int copies) {
        this.step = step;
        this.copies = copies;
        this.deliveries = new AtomicIntegerArray(capacity);
    }

    /** The body of message {@code seq} of this step, due at {@code dueNanos}. */
    String body(String runTag, long seq, long dueNanos) {
        return "b " + runTag + " " + step + " " + seq + " " + dueNanos;
    }

    /** Records a received body; false if it is not a message of this run and step. */
    boolean record(String runTag, String body, long nowNanos) {
        String[] parts = body == null ? new String[0] : body.split(" ");
        if (parts.length != 5 || !parts[0].equals("b") || !parts[1].equals(runTag)
                || Integer.parseInt(parts[2]) != step) {
            return false;
        }
        int seq = Integer.parseInt(parts[3]);
        long due = Long.parseLong(parts[4]);
        deliveries.incrementAndGet(seq);
        latency.recordValue(Math.max(1, (nowNanos - due) / 1000));
        received.incrementAndGet();
        return true;
    }

    long received() {
        return received.get();
    }

    Histogram latency() {
        return latency;
    }

    /** Lost and duplicated deliveries among the first {@code sent} messages. */
    Json losses(long sent) {
        long lost = 0;
        long duplicated = 0;
        for (int i = 0; i < sent; i++) {
            int n = deliveries.get(i);
            lost += Math.max(0, copies - n);
            duplicated += Math.max(0, n - copies);
        }
        return Json.object().put("lost", lost).put("duplicated", duplicated);
    }

    Json latencyJson() {
        return Latency.percentiles(latency);
    }
}
