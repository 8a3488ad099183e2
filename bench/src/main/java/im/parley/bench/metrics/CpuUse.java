package im.parley.bench.metrics;

import im.parley.bench.report.Json;
import java.time.Duration;

/**
 * CPU time spent by the server and by this load tool over one phase of a scenario. Both share the
 * cores, so a rate limited by the machine is explained by who used them: the split shows whether
 * the server or the load tool is the cost per operation.
 */
public final class CpuUse {
    private final ServerProcess server;
    private final double serverStart;
    private final double toolStart;

    private CpuUse(ServerProcess server) {
        this.server = server;
        this.serverStart = server == null ? 0 : server.cpuSeconds();
        this.toolStart = toolCpuSeconds();
    }

    /** Starts counting; {@code server} may be null when the server's process cannot be observed. */
    public static CpuUse start(ServerProcess server) {
        return new CpuUse(server);
    }

    /** Milliseconds of CPU per operation since {@link #start}, for the server and for the load tool. */
    public Json perOperation(long operations) {
        double n = Math.max(1, operations);
        return Json.object()
                .put("server", server == null ? null : (server.cpuSeconds() - serverStart) * 1000 / n)
                .put("load_tool", (toolCpuSeconds() - toolStart) * 1000 / n);
    }

    private static double toolCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9;
    }
}
