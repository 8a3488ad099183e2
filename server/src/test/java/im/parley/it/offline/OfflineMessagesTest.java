package im.parley.it.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import im.parley.testkit.ServerConfig;
import im.parley.testkit.TestServer;
import im.parley.xmpp.Jid;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/** Real clients: what alice sends while bob is offline is what bob receives when he comes online. */
class OfflineMessagesTest {
    private static final Jid BOB = Jid.parse("bob@localhost");

    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob");
    @Login("alice/phone")
    RecordingClient alice;

    @Test
    void messagesStoredWhileOfflineArriveInOrderWithTheServersDelayStamp() throws Exception {
        Instant before = Instant.now().minusMillis(1);
        sendChats("one", "two", "three");
        assertThat(advertisesOfflineStorage(alice)).isTrue();

        List<Message> toBob = parley.login("bob", "laptop").awaitReceived(Message.class, 3);
        Instant after = Instant.now().plusMillis(1);
        assertThat(toBob).extracting(Message::getBody).containsExactly("one", "two", "three");
        for (Message message : toBob) {
            DelayInformation delay = DelayInformation.from(message);
            assertThat(delay).isNotNull();
            assertThat(delay.getFrom()).isEqualTo(TestServer.DOMAIN);
            assertThat(delay.getStamp().toInstant()).isBetween(before, after);
            assertThat(message.getFrom().toString()).isEqualTo("alice@localhost/phone");
        }
        assertThat(alice.received(Message.class)).isEmpty();
    }

    @Test
    @ServerConfig("stream-management:\n  max-unacked-stanzas: 10\n")
    void moreStoredMessagesThanAStreamManagedSessionKeepsUnacknowledgedAllArrive() throws Exception {
        List<String> bodies = IntStream.range(0, 40).mapToObj(i -> "stored " + i).toList();
        sendChats(bodies.toArray(String[]::new));
        assertThat(advertisesOfflineStorage(alice)).isTrue();

        // The delivery waits for bob's client to acknowledge (half of max-unacked-stanzas at a
        // time); its acknowledgements come in on the stream, which must not be the one waiting.
        RecordingClient bob = parley.login("bob", "laptop");
        assertThat(bob.connection().isSmEnabled()).isTrue();
        assertThat(bob.awaitReceived(Message.class, bodies.size())).extracting(Message::getBody)
                .containsExactlyElementsOf(bodies);
    }

    @Test
    void storedMessagesSurviveAServerRestart() throws Exception {
        sendChats("before", "the", "restart");
        // Stanzas of one session are handled in order: once this answer arrives, all three were stored.
        assertThat(advertisesOfflineStorage(alice)).isTrue();
        alice.close();

        parley.server().restart();

        List<Message> toBob = parley.login("bob", "laptop").awaitReceived(Message.class, 3);
        assertThat(toBob).extracting(Message::getBody).containsExactly("before", "the", "restart");
        assertThat(toBob).allMatch(m -> DelayInformation.from(m) != null);
    }

    @Test
    @ServerConfig("offline:\n  max-messages-per-user: 2\n")
    void aFullQuotaBouncesResourceConstraintExactlyOnce() throws Exception {
        sendChats("kept 1", "kept 2", "too many");
        Message error = alice.awaitMessage();
        assertThat(error.getType()).isEqualTo(Message.Type.error);
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.resource_constraint);
        assertThat(error.getBody()).isEqualTo("too many");

        List<Message> toBob = parley.login("bob", "laptop").awaitReceived(Message.class, 2);
        assertThat(toBob).extracting(Message::getBody).containsExactly("kept 1", "kept 2");
        assertThat(alice.received(Message.class)).hasSize(1);
    }

    @Test
    void headlinesAndStandaloneChatStatesAreDroppedWithoutAnError() throws Exception {
        alice.send(alice.connection().getStanzaFactory().buildMessageStanza().to(JidCreate.from("bob@localhost"))
                .ofType(Message.Type.headline).setBody("breaking news").build());
        alice.send(alice.connection().getStanzaFactory().buildMessageStanza().to(JidCreate.from("bob@localhost"))
                .ofType(Message.Type.chat)
                .addExtension(StandardExtensionElement.builder("composing", "http://jabber.org/protocol/chatstates")
                        .build())
                .build());
        sendChats("marker");

        RecordingClient bob = parley.login("bob", "laptop");
        bob.awaitMessage();
        assertThat(bob.received(Message.class)).extracting(Message::getBody).containsExactly("marker");
        assertThat(alice.received(Message.class)).isEmpty();
    }

    @Test
    void aNegativePrioritySessionGetsNothingUntilANonNegativeOneComes() throws Exception {
        sendChats("one", "two", "three");

        RecordingClient shy = parley.client("bob").resource("shy").withoutPresence().login();
        shy.send(shy.connection().getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.available)
                .setPriority(-1).build());
        // Handled after the presence (and its 'available' event) on the same session: a barrier.
        assertThat(advertisesOfflineStorage(shy)).isTrue();
        assertThat(shy.received(Message.class)).isEmpty();

        List<Message> toLaptop = parley.login("bob", "laptop").awaitReceived(Message.class, 3);
        assertThat(toLaptop).extracting(Message::getBody).containsExactly("one", "two", "three");
        assertThat(shy.received(Message.class)).isEmpty();
    }

    @Test
    void aSessionThatRaisesItsPriorityFromNegativeGetsTheStoredMessages() throws Exception {
        sendChats("one", "two");

        RecordingClient shy = parley.client("bob").resource("shy").withoutPresence().login();
        shy.send(shy.connection().getStanzaFactory().buildPresenceStanza().setPriority(-1).build());
        assertThat(advertisesOfflineStorage(shy)).isTrue();
        assertThat(shy.received(Message.class)).isEmpty();

        shy.send(shy.connection().getStanzaFactory().buildPresenceStanza().setPriority(1).build());
        assertThat(shy.awaitReceived(Message.class, 2)).extracting(Message::getBody).containsExactly("one", "two");
    }

    @Test
    void deletingTheAccountDeletesItsStoredMessages() throws Exception {
        sendChats("for the old bob");
        assertThat(advertisesOfflineStorage(alice)).isTrue();
        parley.server().server().accounts().delete(parley.server().user("bob"));
        parley.createUsers("bob");
        sendChats("for the new bob");

        RecordingClient bob = parley.login("bob", "laptop");
        bob.awaitMessage();
        assertThat(bob.received(Message.class)).extracting(Message::getBody).containsExactly("for the new bob");
    }

    /**
     * One sender's messages keep their order (RFC 6120 §10.1) across the recipient's login: those
     * stored before its initial presence, those being stored while it becomes available and those
     * routed live meanwhile arrive once each, in the order they were sent. Some rounds, each a
     * login in the middle of a burst, so that the race is met.
     */
    @Test
    void messagesSentWhileTheRecipientComesOnlineArriveOnceEachInOrder() throws Exception {
        for (int round = 0; round < 10; round++) {
            RecordingClient bob = parley.client("bob").resource("laptop").withoutPresence().login();
            String prefix = "round " + round + ": ";
            List<String> sent = IntStream.range(0, 60).mapToObj(i -> prefix + i).toList();
            for (int i = 0; i < sent.size(); i++) {
                if (i == 20) {
                    // The first are handled one store commit at a time: some wait when the presence comes.
                    bob.send(bob.connection().getStanzaFactory().buildPresenceStanza().build());
                }
                alice.send(alice.chat("bob@localhost", sent.get(i)));
            }

            bob.awaitReceived(Message.class, sent.size());
            // Alice's messages were all routed once her ping is answered, and bob's pong follows
            // whatever was queued for him before it: a duplicate would be in by then.
            PingManager.getInstanceFor(alice.connection()).pingMyServer(true);
            PingManager.getInstanceFor(bob.connection()).pingMyServer(true);
            assertThat(bob.received(Message.class)).extracting(Message::getBody).as("round %d", round)
                    .containsExactlyElementsOf(sent);
            bob.close();
            await().until(() -> parley.server().server().sessions().sessionsOf(BOB).isEmpty());
        }
    }

    /**
     * Asks the server for its features after a ping: the server handles a client's stanzas in
     * order, so the answer also means everything sent before was stored (disco alone may be
     * answered from Smack's entity-caps cache, without a round trip).
     */
    private static boolean advertisesOfflineStorage(RecordingClient client) throws Exception {
        XMPPTCPConnection connection = client.connection();
        PingManager.getInstanceFor(connection).pingMyServer(true);
        return ServiceDiscoveryManager.getInstanceFor(connection)
                .supportsFeature(JidCreate.domainBareFrom(TestServer.DOMAIN), "msgoffline");
    }

    private void sendChats(String... bodies) throws Exception {
        for (String body : bodies) {
            alice.send(alice.chat("bob@localhost", body));
        }
    }
}
