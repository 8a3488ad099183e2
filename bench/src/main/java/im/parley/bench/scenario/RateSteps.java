package im.parley.bench.scenario;

import im.parley.bench.metrics.Latency;
import im.parley.bench.metrics.ServerProcess;
import im.parley.bench.report.Json;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Offers message load in steps of increasing rate, each for a fixed time, and judges every step:
 * it holds when its p99 latency is within the limit and nothing was lost or duplicated. With more
 * than one rate the ramp stops at the first step that does not hold; the result names the
 * highest rate that held. Shared by {@code chat} and {@code muc}, which differ only in who sends
 * what to whom.
 *
 * @param rates offered messages per second, one per step, ascending
 * @param stepSeconds how long each step offers load
 * @param drainSeconds how long to wait after a step for messages still in flight
 * @param p99LimitMillis the latency a step must hold at the 99th percentile
 * @param warmupSeconds unmeasured load at the first rate before the steps, so that a server that
 *     compiles its hot paths at run time (a JVM) is not judged on its first seconds
 */
public record RateSteps(List<Double> rates, int stepSeconds, int drainSeconds, double p99LimitMillis,
        int warmupSeconds) {

    /** Sends message {@code seq} of a step (with the tracker's body) from some user. */
    @FunctionalInterface
    interface Sender {
        void send(MessageTracker tracker, long seq, long dueNanos, ThreadLocalRandom random);
    }

    /** Receives the tracker of the step being run, so the receivers can record into it. */
    @FunctionalInterface
    interface StepListener {
        void started(MessageTracker tracker);
    }

    /** What the ramp found: every step's figures and the best rate that held. */
    public record Outcome(Json json, boolean anyLoss) {
    }

    Outcome run(Sender sender, int copies, StepListener listener, ServerProcess server) throws InterruptedException {
        warmUp(sender, copies, listener);
        Json steps = Json.array();
        Double best = null;
        boolean anyLoss = false;
        for (int i = 0; i < rates.size(); i++) {
            double rate = rates.get(i);
            Json step = step(i, rate, sender, copies, listener, server);
            steps.add(step);
            Json losses = (Json) step.get("losses");
            anyLoss |= ((Number) losses.get("lost")).longValue() > 0
                    || ((Number) losses.get("duplicated")).longValue() > 0;
            if (!(Boolean) step.get("held")) {
                break;
            }
            best = rate;
        }
        return new Outcome(Json.object()
                .put("p99_limit_ms", p99LimitMillis)
                .put("warmup_seconds", warmupSeconds)
                .put("highest_rate_held", best)
                .put("steps", steps), anyLoss);
    }

    private void warmUp(Sender sender, int copies, StepListener listener) throws InterruptedException {
        if (warmupSeconds <= 0) {
            return;
        }
        double rate = rates.get(0);
        int capacity = (int) Math.ceil(rate * warmupSeconds) + 1;
        MessageTracker tracker = new MessageTracker(-1, capacity, copies);
        listener.started(tracker);
        long sent = OpenLoop.run(rate, capacity, warmupSeconds * 1_000_000_000L,
                (seq, due) -> sender.send(tracker, seq, due, ThreadLocalRandom.current()));
        awaitDrain(tracker, sent * copies);
    }

    private Json step(int index, double rate, Sender sender, int copies, StepListener listener, ServerProcess server)
            throws InterruptedException {
        int capacity = (int) Math.ceil(rate * stepSeconds) + 1;
        MessageTracker tracker = new MessageTracker(index, capacity, copies);
        listener.started(tracker);
        String load = ServerProcess.loadAverage();
        double cpuBefore = server == null ? 0 : server.cpuSeconds();
        long start = System.nanoTime();
        long sent = OpenLoop.run(rate, capacity, stepSeconds * 1_000_000_000L,
                (seq, due) -> sender.send(tracker, seq, due, ThreadLocalRandom.current()));
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        awaitDrain(tracker, sent * copies);
        double cpu = server == null ? Double.NaN : server.cpuSeconds() - cpuBefore;
        long delivered = tracker.received();
        Json losses = tracker.losses(sent);
        boolean lossless = ((Number) losses.get("lost")).longValue() == 0
                && ((Number) losses.get("duplicated")).longValue() == 0;
        double p99 = Latency.p99Millis(tracker.latency());
        return Json.object()
                .put("offered_rate", rate)
                .put("sent", sent)
                .put("send_seconds", sendSeconds)
                .put("deliveries", delivered)
                .put("deliveries_per_second", delivered / sendSeconds)
                .put("losses", losses)
                .put("latency", tracker.latencyJson())
                .put("server_cpu_seconds", cpu)
                .put("server_cpu_seconds_per_1000", delivered == 0 ? null : cpu / delivered * 1000)
                .put("load_average", load)
                .put("held", lossless && p99 <= p99LimitMillis);
    }

    private void awaitDrain(MessageTracker tracker, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + drainSeconds * 1_000_000_000L;
        while (tracker.received() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // Duplicates arrive after the last original: give them a moment to show up.
        Thread.sleep(200);
    }
}
