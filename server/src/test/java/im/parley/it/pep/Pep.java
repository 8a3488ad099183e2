package im.parley.it.pep;

import static org.awaitility.Awaitility.await;

import im.parley.testkit.RawIq;
import im.parley.testkit.RecordingClient;
import java.time.Duration;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.pubsub.EventElement;
import org.jivesoftware.smackx.pubsub.ItemsExtension;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.RetractItem;
import org.jxmpp.jid.Jid;

/** Requests and checks the PEP tests share: publishes with publish-options as raw XML, notifications as Smack parses them. */
public final class Pep {
    public static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    public static final String ERRORS = PUBSUB + "#errors";

    private Pep() {
    }

    /** Publishes one item with a {@code <entry xmlns='urn:test'>} payload to the client's own PEP node. */
    public static IQ publish(RecordingClient client, String node, String id, String text, String... options) throws Exception {
        return client.request(new RawIq(IQ.Type.set, null, "pubsub", PUBSUB, "<publish node='" + node + "'><item"
                + (id == null ? "" : " id='" + id + "'") + "><entry xmlns='urn:test'>" + text + "</entry></item></publish>"
                + publishOptions(options)));
    }

    /** A publish-options form from var, value pairs; empty without any. */
    public static String publishOptions(String... varsAndValues) {
        if (varsAndValues.length == 0) {
            return "";
        }
        StringBuilder form = new StringBuilder("<publish-options><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE' type='hidden'><value>" + PUBSUB + "#publish-options</value></field>");
        for (int i = 0; i < varsAndValues.length; i += 2) {
            form.append("<field var='").append(varsAndValues[i]).append("'><value>").append(varsAndValues[i + 1])
                    .append("</value></field>");
        }
        return form.append("</x></publish-options>").toString();
    }

    /** The items request of XEP-0060 §6.5 to {@code owner}'s PEP node, with optional extra XML inside {@code <pubsub>}. */
    public static IQ items(RecordingClient reader, Jid owner, String node, String attributes, String more) throws Exception {
        return reader.request(new RawIq(IQ.Type.get, owner, "pubsub", PUBSUB,
                "<items node='" + node + "'" + attributes + "/>" + more));
    }

    /** The pubsub-specific condition of an error (§7), or the stanza error's when it has none. */
    public static String condition(XMPPErrorException e) {
        StanzaError error = e.getStanzaError();
        java.util.regex.Matcher pubsub = java.util.regex.Pattern.compile("<([a-z-]+) xmlns=['\"]" + ERRORS)
                .matcher(error.toXML().toString());
        return pubsub.find() ? error.getCondition() + "/" + pubsub.group(1) : error.getCondition().toString();
    }

    /** Asks for notifications of a node (XEP-0163 §4.3: +notify in its caps) and waits until the server has them verified. */
    public static void notify(RecordingClient client, String node) throws Exception {
        ServiceDiscoveryManager.getInstanceFor(client.connection()).addFeature(node + "+notify");
    }

    /** The event of the next notification from {@code from} for {@code node} that carries a published item. */
    public static PayloadItem<?> awaitItem(RecordingClient client, Jid from, String node) {
        Message message = (Message) client.await(s -> s instanceof Message m && from.equals(m.getFrom())
                && items(m, node) != null && !items(m, node).getItems().isEmpty()
                && items(m, node).getItems().get(0) instanceof PayloadItem);
        return (PayloadItem<?>) items(message, node).getItems().get(0);
    }

    public static boolean receivedItem(RecordingClient client, Jid from, String node, String id) {
        return client.received().stream().anyMatch(s -> s instanceof Message m && from.equals(m.getFrom())
                && items(m, node) != null && items(m, node).getItems().stream()
                        .anyMatch(i -> i instanceof PayloadItem<?> p && id.equals(p.getId())));
    }

    public static RetractItem awaitRetraction(RecordingClient client, Jid from, String node) {
        Message message = (Message) client.await(s -> s instanceof Message m && from.equals(m.getFrom())
                && items(m, node) != null && !items(m, node).getItems().isEmpty()
                && items(m, node).getItems().get(0) instanceof RetractItem);
        return (RetractItem) items(message, node).getItems().get(0);
    }

    public static ItemsExtension items(Message message, String node) {
        EventElement event = message.getExtension(EventElement.class);
        return event != null && event.getEvent() instanceof ItemsExtension items && node.equals(items.getNode())
                ? items : null;
    }

    /** Waits a moment for anything the server might still send (a ping round trip orders it before). */
    public static void settle(RecordingClient client) throws Exception {
        org.jivesoftware.smackx.ping.PingManager.getInstanceFor(client.connection()).pingMyServer();
    }

    public static void until(java.util.concurrent.Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(10)).until(condition);
    }
}
