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
 * {@code roster}: every user has C contacts (its ring neighbours, {@link ContactRing}) with
 * mutual subscriptions; all log in together and the scenario measures the time until every user
 * has received available presence from every one of its contacts (RFC 6121 §4.2: broadcast of
 * the newcomer's presence plus answers to the server's probes).
 *
 * <p>The rosters are provisioned in bulk into each server's store before it runs (see
 * bench/README.md), or over the protocol with {@link #subscribeAll}: each user asks each
 * contact, and each contact's client approves, which works alike on every server but does not
 * converge on every server at 100,000 subscriptions.
 *
 * @param ring the users and their contacts
 * @param loginRate logins per second
 * @param timeoutSeconds how long to wait for full presence
 */
public record RosterScenario(ContactRing ring, double loginRate, int timeoutSeconds) {
    private static final double SUBSCRIBE_RATE = 5_000;

    public RosterScenario {
        if (ring.contacts() == 0) {
            throw new IllegalArgumentException("the roster scenario needs contacts");
        }
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
        int users = ring.users();
        int contacts = ring.contacts();
        Logins.Result logins = Logins.run(pool, 1, users, loginRate, XmppClient.Purpose.LOGIN, approver,
                Logins.timeoutSeconds(users, loginRate));
        List<XmppClient> online = logins.online();
        long expected = (long) online.size() * contacts;
        long start = System.nanoTime();
        OpenLoop.run(SUBSCRIBE_RATE, expected, Long.MAX_VALUE, (n, due) -> {
            XmppClient client = online.get((int) (n / contacts));
            client.send("<presence type='subscribe' to='"
                    + pool.target().bareJid(ring.contact(client.index(), (int) (n % contacts))) + "'/>");
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
        int users = ring.users();
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
                .put("contacts", ring.contacts())
                .put("logins", logins.toJson())
                .put("users_with_full_presence", count.complete.get())
                .put("seconds_to_full_presence", count.complete.get() == users ? seconds : null)
                .put("presence_stanzas_received", count.received.get())
                .put("server_cpu_seconds", server == null ? null : server.cpuSeconds() - cpuBefore);
    }

    /**
     * Per user, which contacts' available presence has arrived (each user's set is touched by its
     * own event loop only). Presence from anyone outside the ring is not counted, so that an item
     * left in a roster by an earlier run cannot stand in for a missing contact.
     */
    private final class PresenceCount implements StanzaListener {
        final BitSet[] seen = new BitSet[ring.users() + 1];
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
            if (sender <= 0 || !ring.isContact(client.index(), sender)) {
                return;
            }
            BitSet set = seen[client.index()];
            if (set == null) {
                set = new BitSet(ring.users() + 1);
                seen[client.index()] = set;
            }
            if (!set.get(sender)) {
                set.set(sender);
                if (set.cardinality() == ring.contacts()) {
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
