package im.parley.it.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.parley.it.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Refuse messages from people not in my roster", on for everyone by configuration. No one has
 * roster contacts yet, so every other user is a stranger.
 */
class RefuseStrangersTest {
    private TestServer server;
    private XMPPTCPConnection alice;
    private XMPPTCPConnection bob;
    private final List<Message> toAlice = new CopyOnWriteArrayList<>();
    private final List<Message> toBob = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start("privacy:\n  refuse-strangers-default: true\n");
        server.addUser("alice", "alice-pw");
        server.addUser("bob", "bob-pw");
        alice = server.login("alice", "alice-pw", "phone");
        bob = server.login("bob", "bob-pw", "laptop");
        alice.addStanzaListener(s -> toAlice.add((Message) s), s -> s instanceof Message);
        bob.addStanzaListener(s -> toBob.add((Message) s), s -> s instanceof Message);
    }

    @AfterEach
    void stop() throws Exception {
        alice.disconnect();
        bob.disconnect();
        server.close();
    }

    @Test
    void aStrangersMessageIsBouncedWithServiceUnavailableAndTheOwnResourcesStillTalk() throws Exception {
        bob.sendStanza(chat(bob, alice, "hello stranger"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !toBob.isEmpty());
        assertThat(toBob.get(0).getType()).isEqualTo(Message.Type.error);
        assertThat(toBob.get(0).getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);

        XMPPTCPConnection laptop = server.login("alice", "alice-pw", "laptop");
        try {
            laptop.sendStanza(chat(laptop, alice, "note to self"));
            await().atMost(Duration.ofSeconds(5)).until(() -> !toAlice.isEmpty());
            assertThat(toAlice).extracting(Message::getBody).containsExactly("note to self");
        } finally {
            laptop.disconnect();
        }
    }

    private static Message chat(XMPPTCPConnection from, XMPPTCPConnection to, String body) {
        return from.getStanzaFactory().buildMessageStanza().to(to.getUser()).ofType(Message.Type.chat)
                .setBody(body).build();
    }
}
