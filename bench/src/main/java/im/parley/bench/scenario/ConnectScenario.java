package im.parley.bench.scenario;

import im.parley.bench.client.ClientPool;
import im.parley.bench.client.StanzaListener;
import im.parley.bench.client.XmppClient;
import im.parley.bench.metrics.CpuUse;
import im.parley.bench.metrics.ServerProcess;
import im.parley.bench.report.Json;
import java.util.OptionalLong;

/**
 * {@code connect}: N users log in at R per second and stay idle. Measures logins per second, login
 * latency, failures, and what each idle session costs the server: the growth of its resident
 * memory and, for a JVM server, of its live heap after a full GC.
 *
 * @param users how many users log in (user1..userN)
 * @param rate offered logins per second
 * @param holdSeconds how long the sessions stay idle once all are online
 * @param settleSeconds pause before the memory is read, for the server to finish its work
 */
public record ConnectScenario(int users, double rate, int holdSeconds, int settleSeconds) {

    /** Runs the scenario; {@code server} may be null when the server's process cannot be observed. */
    public Json run(ClientPool pool, ServerProcess server) throws InterruptedException {
        Memory before = server == null ? null : Memory.of(server);
        CpuUse cpu = CpuUse.start(server);
        Logins.Result logins = Logins.run(pool, 1, users, rate, XmppClient.Purpose.LOGIN, StanzaListener.IGNORE,
                Logins.timeoutSeconds(users, rate));
        Json cpuJson = cpu.perOperation(logins.online().size());
        Thread.sleep(settleSeconds * 1000L);
        Memory after = server == null ? null : Memory.of(server);
        Thread.sleep(Math.max(0, holdSeconds - settleSeconds) * 1000L);
        int online = (int) logins.online().stream().filter(XmppClient::isActive).count();
        logins.online().forEach(XmppClient::close);
        return Json.object()
                .put("scenario", "connect")
                .put("users", users)
                .put("offered_rate", rate)
                .put("logins", logins.toJson())
                .put("cpu_ms_per_login", cpuJson)
                .put("still_online_after_hold", online)
                .put("memory", server == null ? null : memoryJson(before, after, logins.online().size()));
    }

    private static Json memoryJson(Memory before, Memory after, int sessions) {
        Json json = Json.object()
                .put("rss_before_bytes", before.rss)
                .put("rss_after_bytes", after.rss)
                .put("rss_per_session_bytes", sessions == 0 ? null : (double) (after.rss - before.rss) / sessions);
        if (before.heap.isPresent() && after.heap.isPresent()) {
            json.put("heap_before_bytes", before.heap.getAsLong())
                    .put("heap_after_bytes", after.heap.getAsLong())
                    .put("heap_per_session_bytes", sessions == 0 ? null
                            : (double) (after.heap.getAsLong() - before.heap.getAsLong()) / sessions);
        }
        return json;
    }

    /** Server memory at one moment; heap only for a JVM server. */
    private record Memory(long rss, OptionalLong heap) {
        static Memory of(ServerProcess server) {
            // RSS first: the full GC that measures the heap also lets the JVM return memory to the
            // system, which the anchors are never asked to do.
            long rss = server.rssBytes();
            return new Memory(rss, server.heapAfterFullGcBytes());
        }
    }
}
