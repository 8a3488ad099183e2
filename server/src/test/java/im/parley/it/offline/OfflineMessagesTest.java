package im.parley.it.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.parley.account.AccountService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** Real clients: what alice sends while bob is offline is what bob receives when he comes online. */
class OfflineMessagesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private RestartableServer server;
    private XMPPTCPConnection alice;
    private final List<Message> toAlice = new CopyOnWriteArrayList<>();
    private final List<XMPPTCPConnection> connections = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        connections.forEach(XMPPTCPConnection::disconnect);
        server.close();
    }

    @Test
    void messagesStoredWhileOfflineArriveInOrderWithTheServersDelayStamp() throws Exception {
        startWithAlice("");
        Instant before = Instant.now().minusMillis(1);
        sendChats("one", "two", "three");
        assertThat(advertisesOfflineStorage(alice)).isTrue();

        List<Message> toBob = loginBob("laptop");
        await().atMost(WAIT).until(() -> toBob.size() == 3);
        Instant after = Instant.now().plusMillis(1);
        assertThat(toBob).extracting(Message::getBody).containsExactly("one", "two", "three");
        for (Message message : toBob) {
            DelayInformation delay = DelayInformation.from(message);
            assertThat(delay).isNotNull();
            assertThat(delay.getFrom()).isEqualTo(RestartableServer.DOMAIN);
            assertThat(delay.getStamp().toInstant()).isBetween(before, after);
            assertThat(message.getFrom().toString()).isEqualTo("alice@localhost/phone");
        }
        assertThat(toAlice).isEmpty();
    }

    @Test
    void storedMessagesSurviveAServerRestart() throws Exception {
        startWithAlice("");
        sendChats("before", "the", "restart");
        // Stanzas of one session are handled in order: once this answer arrives, all three were stored.
        assertThat(advertisesOfflineStorage(alice)).isTrue();
        alice.disconnect();

        server.restart();

        List<Message> toBob = loginBob("laptop");
        await().atMost(WAIT).until(() -> toBob.size() == 3);
        assertThat(toBob).extracting(Message::getBody).containsExactly("before", "the", "restart");
        assertThat(toBob).allMatch(m -> DelayInformation.from(m) != null);
    }

    @Test
    void aFullQuotaBouncesResourceConstraintExactlyOnce() throws Exception {
        startWithAlice("offline:\n  max-messages-per-user: 2\n");
        sendChats("kept 1", "kept 2", "too many");
        await().atMost(WAIT).until(() -> !toAlice.isEmpty());
        Message error = toAlice.getFirst();
        assertThat(error.getType()).isEqualTo(Message.Type.error);
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.resource_constraint);
        assertThat(error.getBody()).isEqualTo("too many");

        List<Message> toBob = loginBob("laptop");
        await().atMost(WAIT).until(() -> toBob.size() == 2);
        assertThat(toBob).extracting(Message::getBody).containsExactly("kept 1", "kept 2");
        assertThat(toAlice).hasSize(1);
    }

    @Test
    void headlinesAndStandaloneChatStatesAreDroppedWithoutAnError() throws Exception {
        startWithAlice("");
        alice.sendStanza(alice.getStanzaFactory().buildMessageStanza().to(JidCreate.from("bob@localhost"))
                .ofType(Message.Type.headline).setBody("breaking news").build());
        alice.sendStanza(alice.getStanzaFactory().buildMessageStanza().to(JidCreate.from("bob@localhost"))
                .ofType(Message.Type.chat)
                .addExtension(StandardExtensionElement.builder("composing", "http://jabber.org/protocol/chatstates")
                        .build())
                .build());
        sendChats("marker");

        List<Message> toBob = loginBob("laptop");
        await().atMost(WAIT).until(() -> !toBob.isEmpty());
        assertThat(toBob).extracting(Message::getBody).containsExactly("marker");
        assertThat(toAlice).isEmpty();
    }

    @Test
    void aNegativePrioritySessionGetsNothingUntilANonNegativeOneComes() throws Exception {
        startWithAlice("");
        sendChats("one", "two", "three");

        XMPPTCPConnection shy = server.connect("bob", "bob-pw", "shy", false);
        connections.add(shy);
        List<Message> toShy = listen(shy);
        shy.login();
        shy.sendStanza(shy.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.available)
                .setPriority(-1).build());
        // Handled after the presence (and its 'available' event) on the same session: a barrier.
        assertThat(advertisesOfflineStorage(shy)).isTrue();
        assertThat(toShy).isEmpty();

        List<Message> toLaptop = loginBob("laptop");
        await().atMost(WAIT).until(() -> toLaptop.size() == 3);
        assertThat(toLaptop).extracting(Message::getBody).containsExactly("one", "two", "three");
        assertThat(toShy).isEmpty();
    }

    @Test
    void aSessionThatRaisesItsPriorityFromNegativeGetsTheStoredMessages() throws Exception {
        startWithAlice("");
        sendChats("one", "two");

        XMPPTCPConnection shy = server.connect("bob", "bob-pw", "shy", false);
        connections.add(shy);
        List<Message> toShy = listen(shy);
        shy.login();
        shy.sendStanza(shy.getStanzaFactory().buildPresenceStanza().setPriority(-1).build());
        assertThat(advertisesOfflineStorage(shy)).isTrue();
        assertThat(toShy).isEmpty();

        shy.sendStanza(shy.getStanzaFactory().buildPresenceStanza().setPriority(1).build());
        await().atMost(WAIT).until(() -> toShy.size() == 2);
        assertThat(toShy).extracting(Message::getBody).containsExactly("one", "two");
    }

    @Test
    void deletingTheAccountDeletesItsStoredMessages() throws Exception {
        startWithAlice("");
        sendChats("for the old bob");
        assertThat(advertisesOfflineStorage(alice)).isTrue();
        server.server().accounts().delete(AccountService.user("bob", server.server().domain()));
        server.server().accounts().create(AccountService.user("bob", server.server().domain()), "bob-pw");
        sendChats("for the new bob");

        List<Message> toBob = loginBob("laptop");
        await().atMost(WAIT).until(() -> !toBob.isEmpty());
        assertThat(toBob).extracting(Message::getBody).containsExactly("for the new bob");
    }

    private void startWithAlice(String extraYaml) throws Exception {
        server = RestartableServer.start(extraYaml);
        server.server().accounts().create(AccountService.user("alice", server.server().domain()), "alice-pw");
        server.server().accounts().create(AccountService.user("bob", server.server().domain()), "bob-pw");
        alice = server.connect("alice", "alice-pw", "phone", true);
        connections.add(alice);
        alice.addStanzaListener(m -> toAlice.add((Message) m), m -> m instanceof Message);
        alice.login();
    }

    /** Logs bob in with initial presence (priority 0), listening from before the server can send. */
    private List<Message> loginBob(String resource) throws Exception {
        XMPPTCPConnection bob = server.connect("bob", "bob-pw", resource, true);
        connections.add(bob);
        List<Message> received = listen(bob);
        bob.login();
        return received;
    }

    private static List<Message> listen(XMPPTCPConnection connection) {
        List<Message> received = new CopyOnWriteArrayList<>();
        connection.addStanzaListener(m -> received.add((Message) m), m -> m instanceof Message);
        return received;
    }

    /**
     * Asks the server for its features after a ping: the server handles a client's stanzas in
     * order, so the answer also means everything sent before was stored (disco alone may be
     * answered from Smack's entity-caps cache, without a round trip).
     */
    private static boolean advertisesOfflineStorage(XMPPTCPConnection connection) throws Exception {
        PingManager.getInstanceFor(connection).pingMyServer(true);
        return ServiceDiscoveryManager.getInstanceFor(connection)
                .supportsFeature(JidCreate.domainBareFrom(RestartableServer.DOMAIN), "msgoffline");
    }

    private void sendChats(String... bodies) throws Exception {
        for (String body : bodies) {
            alice.sendStanza(alice.getStanzaFactory().buildMessageStanza().to(JidCreate.from("bob@localhost"))
                    .ofType(Message.Type.chat).setBody(body).build());
        }
    }
}
