package im.parley.it.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import im.parley.testkit.StallingSockets;
import im.parley.xmpp.Jid;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Offline stores (XEP-0160) larger than the default c2s.max-queued-bytes, delivered at login: the
 * delivery waits for the client to read instead of tripping the cap, and what the client never
 * took stays stored.
 */
class OfflineFlushTest {
    /** The default quota of messages of about 1.1 KB: a fast reader takes them all. */
    private static final Store FULL_QUOTA = new Store(1000, 1080);
    /** More than the sockets of a client that stops reading take (4 MB at most on Linux) and the cap together. */
    private static final Store LARGE = new Store(120, 60_000);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob");
    @Login("alice/phone")
    RecordingClient alice;

    @Test
    void aThousandStoredMessagesArriveInOrderAndTheSessionStaysUp() throws Exception {
        storeMessages(FULL_QUOTA);

        RecordingClient bob = parley.login("bob", "laptop");

        assertThat(awaitBodies(bob, FULL_QUOTA.count)).containsExactlyElementsOf(FULL_QUOTA.bodies(0));
        assertStillServed(bob);
    }

    @Test
    void aClientThatStopsReadingDuringTheDeliveryGetsTheRestWhenItReadsAgain() throws Exception {
        storeMessages(LARGE);
        StallingSockets sockets = new StallingSockets();
        RecordingClient bob = stalledDuringDelivery(sockets, true);

        sockets.resume();

        assertThat(awaitBodies(bob, LARGE.count)).containsExactlyElementsOf(LARGE.bodies(0));
        assertStillServed(bob);
    }

    @Test
    void whatAClientThatStoppedReadingNeverTookStaysStored() throws Exception {
        storeMessages(LARGE);
        // Without stream management, whose resumable session would keep what it took for a resumption.
        RecordingClient stalled = stalledDuringDelivery(new StallingSockets(), false);

        stalled.connection().instantShutdown();
        await().atMost(WAIT).until(() -> parley.server().server().sessions().get(bobsJid()) == null);

        RecordingClient bob = parley.login("bob", "laptop");
        await().atMost(WAIT).until(() -> bodies(bob).contains(LARGE.body(LARGE.count - 1)));
        // The client that stopped reading took at most what the server had written before; the
        // rest (at least what was still waiting in the server) comes now, in order, up to the last.
        List<String> rest = bodies(bob);
        int first = Integer.parseInt(rest.getFirst().substring(0, 4));
        assertThat(first).isPositive();
        assertThat(rest).containsExactlyElementsOf(LARGE.bodies(first));
    }

    /** Bob logs in, stops reading, then asks for his messages; returns once the server waits for him. */
    private RecordingClient stalledDuringDelivery(StallingSockets sockets, boolean streamManagement)
            throws Exception {
        ParleyExtension.ClientBuilder client = parley.client("bob").resource("laptop").withoutPresence()
                .configure(c -> c.setSocketFactory(sockets));
        RecordingClient bob = (streamManagement ? client : client.withoutStreamManagement()).login();
        sockets.stall();
        bob.send(bob.connection().getStanzaFactory().buildPresenceStanza().build());
        // The delivery fills the sockets, then waits with some of it queued in the server.
        await().atMost(WAIT).until(() -> parley.server().server().queuedOutboundBytes() > 0);
        assertThat(parley.server().server().sessions().get(bobsJid())).isNotNull();
        return bob;
    }

    private void storeMessages(Store store) throws Exception {
        for (int i = 0; i < store.count; i++) {
            alice.send(alice.chat("bob@localhost", store.body(i)));
        }
        // Alice's stanzas are handled in order: once the ping is answered, all were stored.
        PingManager.getInstanceFor(alice.connection()).pingMyServer(true);
    }

    private static void assertStillServed(RecordingClient bob) throws Exception {
        assertThat(bob.connection().isAuthenticated()).isTrue();
        assertThat(PingManager.getInstanceFor(bob.connection()).pingMyServer(true)).isTrue();
    }

    private static List<String> awaitBodies(RecordingClient client, int count) {
        return await().atMost(WAIT).until(() -> bodies(client), list -> list.size() >= count);
    }

    private static List<String> bodies(RecordingClient client) {
        return client.received(Message.class).stream().map(Message::getBody).toList();
    }

    /** What alice leaves for bob: {@code count} messages numbered in order, padded to about {@code size} characters. */
    private record Store(int count, int size) {
        String body(int i) {
            return "%04d %s".formatted(i, "x".repeat(size));
        }

        List<String> bodies(int from) {
            return IntStream.range(from, count).mapToObj(this::body).toList();
        }
    }

    private static Jid bobsJid() {
        return Jid.parse("bob@localhost/laptop");
    }
}
