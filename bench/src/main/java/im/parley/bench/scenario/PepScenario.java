package im.parley.bench.scenario;

import im.parley.bench.client.ClientPool;
import im.parley.bench.client.StanzaListener;
import im.parley.bench.client.XmppClient;
import im.parley.bench.metrics.ServerProcess;
import im.parley.bench.report.Json;
import im.parley.xml.Element;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code pep}: personal eventing fan-out (XEP-0163). User 1 publishes to one of its PEP nodes at
 * an offered rate; users 2..C+1, its contacts with mutual subscriptions (a {@link ContactRing} of
 * C+1 users and C contacts, so everyone is everyone's contact: provision it or subscribe first),
 * are online with entity capabilities (XEP-0115) that ask for the node's notifications, so one
 * publish is C notifications. Each contact answers the server's disco#info query for its caps.
 *
 * @param contacts the publisher's contacts online, C (even)
 * @param loginRate logins per second
 * @param steps the offered publish rates
 */
public record PepScenario(int contacts, double loginRate, RateSteps steps) {
    static final String NODE = "urn:bench:pep";
    private static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    private static final String EVENT = PUBSUB + "#event";
    private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    private static final String CAPS_NODE = "https://parley.im/bench";
    private static final String FEATURE_NOTIFY = NODE + "+notify";
    /** The contacts' caps: XEP-0115 §5.1's verification string of their identity and two features. */
    private static final String VER = ver("client/bot//<" + DISCO_INFO + "<" + FEATURE_NOTIFY + "<");
    /** Until every contact has heard the publisher once (its caps verified), at most this long. */
    private static final int READY_TIMEOUT_SECONDS = 60;

    public ContactRing ring() {
        return new ContactRing(contacts + 1, contacts);
    }

    public RateSteps.Outcome run(ClientPool pool, ServerProcess server) throws InterruptedException {
        String runTag = Long.toString(System.nanoTime(), 36);
        Contacts listener = new Contacts(runTag);
        int users = contacts + 1;
        Logins.Result logins = Logins.run(pool, 1, users, loginRate, XmppClient.Purpose.LOGIN, listener,
                Logins.timeoutSeconds(users, loginRate));
        List<XmppClient> online = logins.online();
        try {
            if (online.size() < users) {
                throw new IllegalStateException("not every user came online: " + logins.toJson());
            }
            XmppClient publisher = online.stream().filter(c -> c.index() == 1).findFirst().orElseThrow();
            online.stream().filter(c -> c != publisher).forEach(c -> c.send("<presence><c xmlns='"
                    + "http://jabber.org/protocol/caps' hash='sha-1' node='" + CAPS_NODE + "' ver='" + VER + "'/></presence>"));
            awaitEveryContact(publisher, listener);
            RateSteps.Outcome outcome = steps.run((tracker, seq, due, random) -> publisher.send(publish(
                    tracker.body(runTag, seq, due))), contacts, listener.receivers::track, server);
            return new RateSteps.Outcome(Json.object()
                    .put("scenario", "pep")
                    .put("contacts", contacts)
                    .put("logins", logins.toJson())
                    .put("rates", outcome.json()), outcome.anyLoss());
        } finally {
            online.forEach(XmppClient::close);
        }
    }

    /** Publishes (once a second) until every contact got a notification: the server has verified their caps. */
    private void awaitEveryContact(XmppClient publisher, Contacts listener) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT_SECONDS * 1_000_000_000L;
        while (listener.heard.size() < contacts) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(listener.heard.size() + " of " + contacts
                        + " contacts were notified within " + READY_TIMEOUT_SECONDS + " s");
            }
            publisher.send(publish("ready"));
            Thread.sleep(1000);
        }
    }

    private static String publish(String text) {
        return "<iq type='set' id='pub'><pubsub xmlns='" + PUBSUB + "'><publish node='" + NODE + "'><item><entry xmlns='"
                + NODE + "'>" + text + "</entry></item></publish></pubsub></iq>";
    }

    private static String ver(String s) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** Answers the server's caps queries and records the notifications each contact gets. */
    private static final class Contacts implements StanzaListener {
        final ChatScenario.Receivers receivers;
        final Set<XmppClient> heard = ConcurrentHashMap.newKeySet();

        Contacts(String runTag) {
            receivers = new ChatScenario.Receivers(runTag);
        }

        @Override
        public void stanza(XmppClient client, Element stanza) {
            if (stanza.name().equals("iq") && "get".equals(stanza.attribute("type"))
                    && stanza.child("query", DISCO_INFO) != null) {
                client.send("<iq type='result' id='" + stanza.attribute("id") + "' to='" + stanza.attribute("from")
                        + "'><query xmlns='" + DISCO_INFO + "' node='" + CAPS_NODE + "#" + VER + "'>"
                        + "<identity category='client' type='bot'/><feature var='" + DISCO_INFO + "'/>"
                        + "<feature var='" + FEATURE_NOTIFY + "'/></query></iq>");
                return;
            }
            String text = entry(stanza);
            if (text != null) {
                heard.add(client);
                receivers.record(text, System.nanoTime());
            }
        }

        private static String entry(Element message) {
            Element items = message.name().equals("message") && message.child("event", EVENT) != null
                    ? message.child("event", EVENT).child("items", EVENT) : null;
            Element item = items == null ? null : items.child("item", EVENT);
            Element entry = item == null ? null : item.child("entry", NODE);
            return entry == null ? null : entry.text();
        }
    }
}
