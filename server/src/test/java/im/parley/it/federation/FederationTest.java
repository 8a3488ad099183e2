package im.parley.it.federation;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.RecordingClient;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Users of two Parley servers on loopback reach each other over server-to-server streams (dialback). */
class FederationTest {
    private TwoServers servers;

    @BeforeEach
    void start() throws Exception {
        servers = TwoServers.start();
    }

    @AfterEach
    void stop() {
        servers.close();
    }

    @Test
    void usersChatAcrossServersInOrder() throws Exception {
        try (RecordingClient alice = TwoServers.user(servers.a, "alice", "phone");
                RecordingClient bob = TwoServers.user(servers.b, "bob", "laptop")) {
            for (int i = 0; i < 20; i++) {
                alice.send(alice.chat("bob@b.test", "hello " + i));
            }
            assertThat(bob.awaitReceived(Message.class, 20)).extracting(Message::getBody)
                    .containsExactly(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "hello " + i)
                            .toArray(String[]::new));
            assertThat(bob.received(Message.class).getFirst().getFrom().toString()).isEqualTo("alice@a.test/phone");

            bob.send(bob.chat("alice@a.test/phone", "hi alice"));
            assertThat(alice.awaitMessage().getBody()).isEqualTo("hi alice");
        }
    }
}
