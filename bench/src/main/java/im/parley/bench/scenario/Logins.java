package im.parley.bench.scenario;

import im.parley.bench.client.ClientPool;
import im.parley.bench.client.StanzaListener;
import im.parley.bench.client.XmppClient;
import im.parley.bench.metrics.Latency;
import im.parley.bench.report.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * Logs bench users in (or registers them) at an offered rate and measures each one's time from
 * connect to online. Shared by every scenario, since each starts with users coming online.
 */
final class Logins {
    private static final int ERRORS_KEPT = 5;

    /** The outcome: who is online, how long it took, what failed. */
    record Result(List<XmppClient> online, Histogram latency, int failures, List<String> errors, double seconds) {
        double perSecond() {
            return seconds > 0 ? online.size() / seconds : 0;
        }

        Json toJson() {
            return Json.object()
                    .put("attempted", online.size() + failures)
                    .put("succeeded", online.size())
                    .put("failed", failures)
                    .put("seconds", seconds)
                    .put("per_second", perSecond())
                    .put("latency", Latency.percentiles(latency))
                    .put("first_errors", errorsJson());
        }

        private Json errorsJson() {
            Json array = Json.array();
            errors.forEach(array::add);
            return array;
        }
    }

    private Logins() {
    }

    /**
     * How long to wait for {@code count} logins offered at {@code rate}: generous, since a slow
     * server's logins/s is a result to report, not a reason to give up; still bounded.
     */
    static long timeoutSeconds(int count, double rate) {
        return Math.max(300, (long) (count / rate) * 3);
    }

    /**
     * Brings users {@code first .. first+count-1} online at {@code ratePerSecond}, waiting at most
     * {@code timeoutSeconds} after the last attempt for the stragglers.
     */
    static Result run(ClientPool pool, int first, int count, double ratePerSecond, XmppClient.Purpose purpose,
            StanzaListener listener, long timeoutSeconds) {
        Histogram latency = Latency.histogram();
        List<XmppClient> online = Collections.synchronizedList(new ArrayList<>(count));
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> pending = new ArrayList<>(count);
        long start = System.nanoTime();
        OpenLoop.run(ratePerSecond, count, Long.MAX_VALUE, (n, due) -> {
            long begin = System.nanoTime();
            pending.add(pool.connect(first + (int) n, purpose, listener).whenComplete((client, error) -> {
                if (error == null) {
                    synchronized (latency) {
                        latency.recordValue(Math.max(1, (System.nanoTime() - begin) / 1000));
                    }
                    online.add(client);
                } else {
                    failures.incrementAndGet();
                    if (errors.size() < ERRORS_KEPT) {
                        errors.add(String.valueOf(error.getMessage()));
                    }
                }
            }));
        });
        awaitAll(pending, timeoutSeconds);
        double seconds = (System.nanoTime() - start) / 1e9;
        int unfinished = (int) pending.stream().filter(f -> !f.isDone()).count();
        if (unfinished > 0) {
            errors.add(unfinished + " logins still unfinished after " + timeoutSeconds + " s");
        }
        return new Result(List.copyOf(online), latency, failures.get() + unfinished, List.copyOf(errors), seconds);
    }

    private static void awaitAll(List<CompletableFuture<?>> pending, long timeoutSeconds) {
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .exceptionally(e -> null)
                    .get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // Reported as unfinished logins by the caller.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
