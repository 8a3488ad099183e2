package im.parley.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** Two real clients exchange messages through Parley; what one sends is what the other receives. */
class MessagingTest {
    private static TestServer server;
    private XMPPTCPConnection alice;
    private XMPPTCPConnection bob;
    private final List<Stanza> toAlice = new CopyOnWriteArrayList<>();
    private final List<Stanza> toBob = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        server.addUser("alice", "alice-pw");
        server.addUser("bob", "bob-pw");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void connect() throws Exception {
        alice = server.login("alice", "alice-pw", "phone");
        bob = server.login("bob", "bob-pw", "laptop");
        alice.addStanzaListener(toAlice::add, s -> s instanceof Message);
        bob.addStanzaListener(toBob::add, s -> s instanceof Message);
    }

    @AfterEach
    void disconnect() {
        alice.disconnect();
        bob.disconnect();
    }

    @Test
    void messagesBetweenFullJidsArriveInOrderBothWays() throws Exception {
        int count = 200;
        for (int i = 0; i < count; i++) {
            alice.sendStanza(chat(bob, "a" + i));
            bob.sendStanza(chat(alice, "b" + i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> toBob.size() == count && toAlice.size() == count);
        for (int i = 0; i < count; i++) {
            Message atBob = (Message) toBob.get(i);
            assertThat(atBob.getBody()).isEqualTo("a" + i);
            assertThat(atBob.getFrom().toString()).isEqualTo("alice@localhost/phone");
            assertThat(((Message) toAlice.get(i)).getBody()).isEqualTo("b" + i);
        }
    }

    @Test
    void spoofedFromIsReplacedByTheSendersAddress() throws Exception {
        Message forged = chat(bob, "I am the admin");
        forged.setFrom(JidCreate.from("admin@localhost/console"));
        alice.sendStanza(forged);
        await().atMost(Duration.ofSeconds(5)).until(() -> toBob.size() == 1);
        assertThat(toBob.get(0).getFrom().toString()).isEqualTo("alice@localhost/phone");
    }

    @Test
    void messageToBareJidReachesAnAvailableResource() throws Exception {
        bob.sendStanza(bob.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.available).build());
        await().atMost(Duration.ofSeconds(5)).until(() -> server.server().sessions()
                .sessionsOf(im.parley.xmpp.Jid.parse("bob@localhost")).stream().anyMatch(s -> s.available()));
        Message message = alice.getStanzaFactory().buildMessageStanza()
                .to(JidCreate.from("bob@localhost")).ofType(Message.Type.chat).setBody("to your bare JID").build();
        alice.sendStanza(message);
        await().atMost(Duration.ofSeconds(5)).until(() -> toBob.size() == 1);
        assertThat(((Message) toBob.get(0)).getBody()).isEqualTo("to your bare JID");
    }

    @Test
    void messageToUnknownUserIsAnsweredWithServiceUnavailable() throws Exception {
        Message message = alice.getStanzaFactory().buildMessageStanza()
                .to(JidCreate.from("nobody@localhost")).ofType(Message.Type.chat).setBody("hello?").build();
        alice.sendStanza(message);
        await().atMost(Duration.ofSeconds(5)).until(() -> toAlice.size() == 1);
        Message error = (Message) toAlice.get(0);
        assertThat(error.getType()).isEqualTo(Message.Type.error);
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        assertThat(error.getFrom().toString()).isEqualTo("nobody@localhost");
    }

    @Test
    void messageToOtherDomainIsAnsweredWithRemoteServerNotFound() throws Exception {
        Message message = alice.getStanzaFactory().buildMessageStanza()
                .to(JidCreate.from("someone@elsewhere.example")).ofType(Message.Type.chat).setBody("hi").build();
        alice.sendStanza(message);
        await().atMost(Duration.ofSeconds(5)).until(() -> toAlice.size() == 1);
        assertThat(((Message) toAlice.get(0)).getError().getCondition())
                .isEqualTo(StanzaError.Condition.remote_server_not_found);
    }

    private static Message chat(XMPPTCPConnection to, String body) {
        return to.getStanzaFactory().buildMessageStanza().to(to.getUser()).ofType(Message.Type.chat)
                .setBody(body).build();
    }
}
