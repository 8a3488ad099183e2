package im.parley.testkit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * A Smack client that records every stanza it receives, in arrival order, from before it
 * connects: tests await and assert on what a user's client was sent. IQ requests are not among
 * them (Smack hands those to its IQ request handlers; register one to see them). Its roster
 * answers no subscription request by itself (the test decides), unlike Smack's default.
 */
public final class RecordingClient implements AutoCloseable {
    /** How long an await waits before the test fails. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private final XMPPTCPConnection connection;
    private final List<Stanza> received = new CopyOnWriteArrayList<>();

    /** A client of any server (not only the test server), not yet connected. */
    public RecordingClient(XMPPTCPConnectionConfiguration configuration) {
        connection = new XMPPTCPConnection(configuration);
        connection.setReplyTimeout(5000);
        connection.addStanzaListener(received::add, stanza -> true);
        Roster.getInstanceFor(connection).setSubscriptionMode(Roster.SubscriptionMode.manual);
    }

    /** Connects, if not yet connected, and authenticates (sending initial presence unless configured not to). */
    public RecordingClient login() throws Exception {
        if (!connection.isConnected()) {
            connection.connect();
        }
        connection.login();
        return this;
    }

    /** Connects without authenticating (e.g. for in-band registration). */
    public RecordingClient connect() throws Exception {
        connection.connect();
        return this;
    }

    public XMPPTCPConnection connection() {
        return connection;
    }

    /** The bound full JID. */
    public EntityFullJid jid() {
        return connection.getUser();
    }

    public Roster roster() {
        return Roster.getInstanceFor(connection);
    }

    /** The bare JID of a user of the test server. */
    public static BareJid jid(String user) throws XmppStringprepException {
        return JidCreate.bareFrom(user + "@" + TestServer.DOMAIN);
    }

    public void send(Stanza stanza) throws Exception {
        connection.sendStanza(stanza);
    }

    /** Sends a presence of this type to another user's bare JID. */
    public void send(Presence.Type type, String user) throws Exception {
        send(connection.getStanzaFactory().buildPresenceStanza().ofType(type).to(jid(user)).build());
    }

    /** A chat message from this client to the other client's full JID. */
    public Message chat(RecordingClient to, String body) {
        return chat(to.jid(), body);
    }

    /** A chat message from this client to an address ("bob@localhost"). */
    public Message chat(String to, String body) throws XmppStringprepException {
        return chat(JidCreate.from(to), body);
    }

    public Message chat(Jid to, String body) {
        return connection.getStanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat)
                .setBody(body).build();
    }

    /** Sends an IQ request and returns the result (an error result is thrown as XMPPErrorException). */
    public <I extends IQ> I request(IQ iq) throws Exception {
        return connection.sendIqRequestAndWaitForResponse(iq);
    }

    /** Everything received so far, in order. */
    public List<Stanza> received() {
        return List.copyOf(received);
    }

    /** What was received so far of one kind (Message, Presence, IQ), in order. */
    public <T extends Stanza> List<T> received(Class<T> kind) {
        return received.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** Waits for the first stanza received that matches (it may have arrived already) and returns it. */
    public Stanza await(Predicate<Stanza> match) {
        return Awaitility.await().atMost(WAIT).until(() -> received.stream().filter(match).findFirst()
                .orElse(null), s -> s != null);
    }

    /** Waits for the first message received. */
    public Message awaitMessage() {
        return awaitMessage(m -> true);
    }

    /** Waits for the first message received that matches. */
    public Message awaitMessage(Predicate<Message> match) {
        return (Message) await(s -> s instanceof Message m && match.test(m));
    }

    /** Waits until at least {@code count} stanzas of a kind arrived, and returns all of that kind received. */
    public <T extends Stanza> List<T> awaitReceived(Class<T> kind, int count) {
        return Awaitility.await().atMost(WAIT).until(() -> received(kind), list -> list.size() >= count);
    }

    /** Waits for the first presence of this type from a user (any of their resources or the bare JID). */
    public Presence awaitPresence(Presence.Type type, String fromUser) throws XmppStringprepException {
        return (Presence) await(presenceFrom(type, jid(fromUser)));
    }

    /** Whether a presence of this type from the user arrived so far. */
    public boolean receivedPresence(Presence.Type type, String fromUser) throws XmppStringprepException {
        return received.stream().anyMatch(presenceFrom(type, jid(fromUser)));
    }

    private static Predicate<Stanza> presenceFrom(Presence.Type type, BareJid from) {
        return s -> s instanceof Presence p && p.getType() == type && p.getFrom() != null
                && p.getFrom().asBareJid().equals(from);
    }

    @Override
    public void close() {
        if (connection.isConnected()) {
            connection.disconnect();
        }
    }
}
