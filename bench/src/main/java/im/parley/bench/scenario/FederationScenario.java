package im.parley.bench.scenario;

import im.parley.bench.client.ClientPool;
import im.parley.bench.client.StanzaListener;
import im.parley.bench.client.XmppClient;
import im.parley.bench.metrics.ServerProcess;
import im.parley.bench.report.Json;
import java.util.List;

/**
 * {@code federation}: N users online on one server send one-to-one messages at an offered
 * (open-loop) rate to random ones of N users online on a second server, which serves another
 * domain and is reached over server-to-server streams (the two federated on loopback). Delivery
 * figures, latency, losses and CPU per 1,000 messages (of both servers) come from {@link RateSteps}.
 *
 * @param users how many users come online on each server
 * @param loginRate logins per second while they do
 */
public record FederationScenario(int users, double loginRate, RateSteps steps) {

    /**
     * The result, and whether any message was lost or duplicated.
     *
     * @param senders the pool whose target is the first server
     * @param recipients the pool whose target is the second
     * @param servers both servers' processes (null: no CPU figures)
     */
    public RateSteps.Outcome run(ClientPool senders, ClientPool recipients, ServerProcess servers)
            throws InterruptedException {
        String runTag = Long.toString(System.nanoTime(), 36);
        ChatScenario.Receivers receivers = new ChatScenario.Receivers(runTag);
        Logins.Result receiving = Logins.run(recipients, 1, users, loginRate, XmppClient.Purpose.LOGIN, receivers,
                Logins.timeoutSeconds(users, loginRate));
        Logins.Result sending = Logins.run(senders, 1, users, loginRate, XmppClient.Purpose.LOGIN,
                StanzaListener.IGNORE, Logins.timeoutSeconds(users, loginRate));
        List<XmppClient> from = sending.online();
        List<XmppClient> to = receiving.online();
        try {
            if (from.isEmpty() || to.isEmpty()) {
                throw new IllegalStateException("no user online on one of the servers: " + sending.toJson() + " "
                        + receiving.toJson());
            }
            RateSteps.Outcome outcome = steps.run((tracker, seq, due, random) -> from.get(random.nextInt(from.size()))
                    .send("<message type='chat' to='"
                            + recipients.target().bareJid(to.get(random.nextInt(to.size())).index())
                            + "'><body>" + tracker.body(runTag, seq, due) + "</body></message>"),
                    1, receivers::track, servers);
            return new RateSteps.Outcome(Json.object()
                    .put("scenario", "federation")
                    .put("users", users)
                    .put("peer_domain", recipients.target().domain())
                    .put("logins", sending.toJson())
                    .put("peer_logins", receiving.toJson())
                    .put("rates", outcome.json()), outcome.anyLoss());
        } finally {
            from.forEach(XmppClient::close);
            to.forEach(XmppClient::close);
        }
    }
}
