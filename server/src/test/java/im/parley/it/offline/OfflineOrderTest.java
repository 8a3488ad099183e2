package im.parley.it.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import im.parley.xmpp.Jid;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One sender's messages keep their order (RFC 6120 §10.1) across the recipient's login: those
 * stored offline (XEP-0160) before its initial presence, those being stored while it becomes
 * available and those routed live meanwhile arrive once each, in the order they were sent.
 */
class OfflineOrderTest {
    private static final int ROUNDS = 8;
    private static final int MESSAGES = 60;
    /** Sent before the recipient's initial presence: enough that some are still being stored when it comes. */
    private static final int BEFORE_PRESENCE = 20;
    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob");
    @Login("alice/phone")
    RecordingClient alice;

    @Test
    void messagesSentWhileTheRecipientComesOnlineArriveOnceEachInOrder() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            RecordingClient bob = parley.client("bob").resource("laptop").withoutPresence().login();
            int r = round;
            List<String> sent = IntStream.range(0, MESSAGES).mapToObj(i -> "round %d message %02d".formatted(r, i))
                    .toList();
            for (int i = 0; i < MESSAGES; i++) {
                if (i == BEFORE_PRESENCE) {
                    bob.send(bob.connection().getStanzaFactory().buildPresenceStanza().build());
                }
                alice.send(alice.chat("bob@localhost", sent.get(i)));
            }

            List<String> received = await().atMost(WAIT).until(() -> bodies(bob), list -> list.size() >= MESSAGES);
            // Alice's messages were all routed once her ping is answered, and bob's pong follows
            // whatever was queued for him before it: a duplicate would be in by then.
            PingManager.getInstanceFor(alice.connection()).pingMyServer(true);
            PingManager.getInstanceFor(bob.connection()).pingMyServer(true);
            assertThat(bodies(bob)).as("round %d", round).containsExactlyElementsOf(sent);
            bob.connection().disconnect();
            await().atMost(WAIT).until(() -> parley.server().server().sessions().sessionsOf(bobsJid()).isEmpty());
        }
    }

    private static List<String> bodies(RecordingClient client) {
        return client.received(Message.class).stream().map(Message::getBody).toList();
    }

    private static Jid bobsJid() {
        return Jid.parse("bob@localhost");
    }
}
