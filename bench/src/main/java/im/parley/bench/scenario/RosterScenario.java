package im.parley.bench.scenario;

import im.parley.bench.client.ClientPool;
import im.parley.bench.client.StanzaListener;
import im.parley.bench.client.XmppClient;
import im.parley.bench.metrics.ServerProcess;
import im.parley.bench.report.Json;
import im.parley.xml.Element;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code roster}: every user has C contacts (its ring neighbours user(i±1)..user(i±C/2)) with
 * mutual subscriptions; all log in together and the scenario measures the time until every user
 * has received available presence from every one of its contacts (RFC 6121 §4.2: broadcast of
 * the newcomer's presence plus answers to the server's probes).
 *
 * <p>The subscriptions are provisioned over the protocol ({@link #subscribeAll}): each user asks
 * each contact, and each contact's client approves, which works alike on every server.
 *
 * @param users how many users (more than C)
 * @param contacts contacts per user, even
 * @param loginRate logins per second
 * @param timeoutSeconds how long to wait for full presence
 */
public record RosterScenario(int users, int contacts, double loginRate, int timeoutSeconds) {
    private static final double SUBSCRIBE_RATE = 5_000;

    public RosterScenario {
        if (contacts % 2 != 0 || users <= contacts) {
            throw new IllegalArgumentException("contacts must be even and smaller than users");
        }
    }

    /** The k-th contact (0-based) of user i: the C/2 users before it and the C/2 after it, on a ring. */
    int contact(int user, int k) {
        int half = contacts / 2;
        int offset = k < half ? k + 1 : -(k - half + 1);
        return Math.floorMod(user - 1 + offset, users) + 1;
    }

    /** Creates the mutual subscriptions; returns how many approvals arrived of how many expected. */
    public Json subscribeAll(ClientPool pool) throws InterruptedException {
        AtomicLong approved = new AtomicLong();
        StanzaListener approver = (client, stanza) -> {
            String type = stanza.attribute("type");
            if (!stanza.name().equals("presence") || type == null) {
                return;
            }
            if (type.equals("subscribe")) {
                client.send("<presence type='subscribed' to='" + stanza.attribute("from").split("/")[0] + "'/>");
            } else if (type.equals("subscribed")) {
                approved.incrementAndGet();
            }
        };
        Logins.Result logins = Logins.run(pool, 1, users, loginRate, XmppClient.Purpose.LOGIN, approver,
                Logins.timeoutSeconds(users, loginRate));
        List<XmppClient> online = logins.online();
        long expected = (long) online.size() * contacts;
        long start = System.nanoTime();
        OpenLoop.run(SUBSCRIBE_RATE, expected, Long.MAX_VALUE, (n, due) -> {
            XmppClient client = online.get((int) (n / contacts));
            client.send("<presence type='subscribe' to='"
                    + pool.target().bareJid(contact(client.index(), (int) (n % contacts))) + "'/>");
        });
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (approved.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        online.forEach(XmppClient::close);
        Thread.sleep(1000);
        return Json.object().put("expected", expected).put("approved", approved.get())
                .put("seconds", (System.nanoTime() - start) / 1e9).put("logins", logins.toJson());
    }

    /** All users log in together; measures the time until each has all its contacts' presence. */
    public Json run(ClientPool pool, ServerProcess server) throws InterruptedException {
        PresenceCount count = new PresenceCount();
        double cpuBefore = server == null ? 0 : server.cpuSeconds();
        long start = System.nanoTime();
        Logins.Result logins = Logins.run(pool, 1, users, loginRate, XmppClient.Purpose.LOGIN, count,
                Logins.timeoutSeconds(users, loginRate));
        long deadline = start + timeoutSeconds * 1_000_000_000L;
        while (count.complete.get() < logins.online().size() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        logins.online().forEach(XmppClient::close);
        return Json.object()
                .put("scenario", "roster")
                .put("users", users)
                .put("contacts", contacts)
                .put("logins", logins.toJson())
                .put("users_with_full_presence", count.complete.get())
                .put("seconds_to_full_presence", count.complete.get() == users ? seconds : null)
                .put("presence_stanzas_received", count.received.get())
                .put("server_cpu_seconds", server == null ? null : server.cpuSeconds() - cpuBefore);
    }

    /** Per user, which contacts' available presence has arrived (each user's set is touched by its own event loop only). */
    private final class PresenceCount implements StanzaListener {
        final BitSet[] seen = new BitSet[users + 1];
        final AtomicInteger complete = new AtomicInteger();
        final AtomicLong received = new AtomicLong();

        @Override
        public void stanza(XmppClient client, Element stanza) {
            if (!stanza.name().equals("presence") || stanza.attribute("type") != null) {
                return;
            }
            received.incrementAndGet();
            String from = stanza.attribute("from");
            int sender = from == null ? -1 : userNumber(from);
            if (sender <= 0 || sender == client.index()) {
                return;
            }
            BitSet set = seen[client.index()];
            if (set == null) {
                set = new BitSet(users + 1);
                seen[client.index()] = set;
            }
            if (!set.get(sender)) {
                set.set(sender);
                if (set.cardinality() == contacts) {
                    complete.incrementAndGet();
                }
            }
        }

        private int userNumber(String jid) {
            int at = jid.indexOf('@');
            if (!jid.startsWith("user") || at < 5) {
                return -1;
            }
            try {
                return Integer.parseInt(jid, 4, at, 10);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}
