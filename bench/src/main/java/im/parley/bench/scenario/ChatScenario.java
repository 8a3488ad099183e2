package im.parley.bench.scenario;

import im.parley.bench.client.ClientPool;
import im.parley.bench.client.XmppClient;
import im.parley.bench.metrics.ServerProcess;
import im.parley.bench.report.Json;
import im.parley.xml.Element;
import java.util.List;

/**
 * {@code chat}: N online users send one-to-one messages to random other online users at an
 * offered (open-loop) rate; the receiver measures the latency from the due time in the body.
 * Delivery figures, losses and the server's CPU time per 1,000 messages come from {@link RateSteps}.
 *
 * @param users how many users come online
 * @param loginRate logins per second while they do
 * @param steps the offered message rates to run
 */
public record ChatScenario(int users, double loginRate, RateSteps steps) {

    public ChatScenario(int users, double loginRate, List<Double> rates, int stepSeconds, int drainSeconds,
            double p99LimitMillis, int warmupSeconds) {
        this(users, loginRate, new RateSteps(rates, stepSeconds, drainSeconds, p99LimitMillis, warmupSeconds));
    }

    /** The result, and whether any message was lost or duplicated. */
    public RateSteps.Outcome run(ClientPool pool, ServerProcess server) throws InterruptedException {
        String runTag = Long.toString(System.nanoTime(), 36);
        Receivers receivers = new Receivers(runTag);
        Logins.Result logins = Logins.run(pool, 1, users, loginRate, XmppClient.Purpose.LOGIN, receivers,
                Logins.timeoutSeconds(users, loginRate));
        List<XmppClient> online = logins.online();
        try {
            if (online.size() < 2) {
                throw new IllegalStateException("fewer than 2 users online: " + logins.toJson());
            }
            RateSteps.Outcome outcome = steps.run((tracker, seq, due, random) -> {
                int from = random.nextInt(online.size());
                int to = (from + 1 + random.nextInt(online.size() - 1)) % online.size();
                online.get(from).send("<message type='chat' to='" + pool.target().bareJid(online.get(to).index())
                        + "'><body>" + tracker.body(runTag, seq, due) + "</body></message>");
            }, 1, receivers::track, server);
            return new RateSteps.Outcome(Json.object()
                    .put("scenario", "chat")
                    .put("users", users)
                    .put("logins", logins.toJson())
                    .put("rates", outcome.json()), outcome.anyLoss());
        } finally {
            online.forEach(XmppClient::close);
        }
    }

    /** Records every chat message a bench user (or the sink component) receives into the current step's tracker. */
    static final class Receivers implements im.parley.bench.client.StanzaListener {
        private final String runTag;
        private volatile MessageTracker current;

        Receivers(String runTag) {
            this.runTag = runTag;
        }

        void track(MessageTracker tracker) {
            current = tracker;
        }

        @Override
        public void stanza(XmppClient client, Element stanza) {
            if (stanza.name().equals("message")) {
                record(stanza.childText("body"), System.nanoTime());
            }
        }

        /** A message body received at {@code nowNanos}, by a user or a component. */
        void record(String body, long nowNanos) {
            MessageTracker tracker = current;
            if (tracker != null) {
                tracker.record(runTag, body, nowNanos);
            }
        }
    }
}
