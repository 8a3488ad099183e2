package im.parley.bench.scenario;

import im.parley.bench.client.ClientPool;
import im.parley.bench.client.SinkComponent;
import im.parley.bench.client.StanzaListener;
import im.parley.bench.client.XmppClient;
import im.parley.bench.metrics.ServerProcess;
import im.parley.bench.report.Json;
import java.io.IOException;
import java.util.List;

/**
 * {@code component}: N online users send messages at an offered (open-loop) rate to addresses
 * at an external component's domain (XEP-0114), served by one {@link SinkComponent}: the
 * server's component path (routing, the component stream's writes) under load. Delivery
 * figures, latency, losses and CPU per 1,000 messages come from {@link RateSteps}.
 *
 * @param users how many users come online and send
 * @param loginRate logins per second while they do
 * @param port the server's component port
 * @param domain the component's domain, configured on the server with {@code secret}
 */
public record ComponentScenario(int users, double loginRate, int port, String domain, String secret,
        RateSteps steps) {

    /** The result, and whether any message was lost or duplicated. */
    public RateSteps.Outcome run(ClientPool pool, ServerProcess server) throws InterruptedException, IOException {
        String runTag = Long.toString(System.nanoTime(), 36);
        ChatScenario.Receivers sink = new ChatScenario.Receivers(runTag);
        Logins.Result logins = Logins.run(pool, 1, users, loginRate, XmppClient.Purpose.LOGIN,
                StanzaListener.IGNORE, Logins.timeoutSeconds(users, loginRate));
        List<XmppClient> online = logins.online();
        try (SinkComponent component = SinkComponent.connect(pool.target().host(), port, domain, secret, sink::record)) {
            if (online.isEmpty()) {
                throw new IllegalStateException("no user online: " + logins.toJson());
            }
            RateSteps.Outcome outcome = steps.run((tracker, seq, due, random) -> {
                int from = random.nextInt(online.size());
                // Many addresses at the domain, as a gateway's contacts are.
                online.get(from).send("<message type='chat' to='contact" + random.nextInt(1000) + "@" + domain
                        + "'><body>" + tracker.body(runTag, seq, due) + "</body></message>");
            }, 1, sink::track, server);
            return new RateSteps.Outcome(Json.object()
                    .put("scenario", "component")
                    .put("users", users)
                    .put("component", domain)
                    .put("logins", logins.toJson())
                    .put("rates", outcome.json()), outcome.anyLoss());
        } finally {
            online.forEach(XmppClient::close);
        }
    }
}
