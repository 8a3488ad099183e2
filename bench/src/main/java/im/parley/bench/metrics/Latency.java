package im.parley.bench.metrics;

import im.parley.bench.report.Json;
import org.HdrHistogram.Histogram;

/** Percentiles of a latency histogram recorded in microseconds, as the reports print them. */
public final class Latency {
    private Latency() {
    }

    /** A histogram for latencies from 1 µs to 10 minutes at 3 significant digits. */
    public static Histogram histogram() {
        return new Histogram(1, 600_000_000L, 3);
    }

    /** p50/p90/p99/p99.9/max in milliseconds. */
    public static Json percentiles(Histogram h) {
        return Json.object()
                .put("count", h.getTotalCount())
                .put("p50_ms", ms(h.getValueAtPercentile(50)))
                .put("p90_ms", ms(h.getValueAtPercentile(90)))
                .put("p99_ms", ms(h.getValueAtPercentile(99)))
                .put("p999_ms", ms(h.getValueAtPercentile(99.9)))
                .put("max_ms", ms(h.getMaxValue()));
    }

    public static double p99Millis(Histogram h) {
        return ms(h.getValueAtPercentile(99));
    }

    private static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }
}
