package im.parley.it.roster;

import im.parley.it.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A logged-in Smack client that records every presence it receives, for tests
 * that assert on what a user's client is sent. Its roster answers no subscription request itself.
 */
public final class ImClient implements AutoCloseable {
    private final XMPPTCPConnection connection;
    private final List<Stanza> received = new CopyOnWriteArrayList<>();

    private ImClient(XMPPTCPConnection connection) {
        this.connection = connection;
    }

    /** Logs in (sending initial presence, as Smack does) and records what arrives from then on. */
    public static ImClient login(TestServer server, String user, String resource) throws Exception {
        Roster.setDefaultSubscriptionMode(Roster.SubscriptionMode.manual);
        XMPPTCPConnection connection = new XMPPTCPConnection(
                server.clientConfig(user, user + "-pw").setResource(resource).build());
        connection.setReplyTimeout(5000);
        ImClient client = new ImClient(connection);
        connection.addSyncStanzaListener(client.received::add,
                s -> s instanceof Presence);
        connection.connect().login();
        return client;
    }

    public XMPPTCPConnection connection() {
        return connection;
    }

    public Roster roster() {
        return Roster.getInstanceFor(connection);
    }

    public static BareJid jid(String user) throws Exception {
        return JidCreate.bareFrom(user + "@" + TestServer.DOMAIN);
    }

    /** Sends a presence of this type to another user's bare JID. */
    public void send(Presence.Type type, String user) throws Exception {
        connection.sendStanza(connection.getStanzaFactory().buildPresenceStanza().ofType(type).to(jid(user)).build());
    }

    public IQ request(IQ iq) throws Exception {
        return connection.sendIqRequestAndWaitForResponse(iq);
    }

    /** Waits until a presence matching the type and sender's bare JID arrives, and returns it. */
    public Presence awaitPresence(Presence.Type type, String fromUser) throws Exception {
        BareJid from = jid(fromUser);
        return (Presence) await(s -> s instanceof Presence p && p.getType() == type
                && p.getFrom() != null && p.getFrom().asBareJid().equals(from));
    }

    public Stanza await(Predicate<Stanza> match) {
        return Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> received.stream().filter(match).findFirst()
                .orElse(null), s -> s != null);
    }

    /** What arrived so far. */
    public List<Stanza> received() {
        return List.copyOf(received);
    }

    public boolean receivedPresence(Presence.Type type, String fromUser) throws Exception {
        BareJid from = jid(fromUser);
        return received.stream().anyMatch(s -> s instanceof Presence p && p.getType() == type
                && p.getFrom() != null && p.getFrom().asBareJid().equals(from));
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
