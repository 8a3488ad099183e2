package im.parley.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.StallingSockets;
import im.parley.testkit.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import javax.net.SocketFactory;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.util.StringUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.jxmpp.jid.EntityFullJid;

/**
 * Clients that stop reading: what waits for them stops growing at c2s.max-queued-bytes, they are
 * cut off with policy-violation, and everyone else goes on chatting meanwhile.
 */
class BackpressureTest {
    private static final int CAP = 65_536;
    private static final int SLOW_CLIENTS = 2;
    /** Far more than a stalled client's socket buffers take (a few MB on loopback). */
    private static final int MAX_FLOOD_MESSAGES = 10_000;
    private static final String BODY = StringUtils.randomString(2000);

    private TestServer server;
    private SecurityMode security;
    private final List<XMPPTCPConnection> connections = new ArrayList<>();
    private final List<StallingSockets> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        sockets.forEach(StallingSockets::resume);
        connections.forEach(XMPPTCPConnection::disconnect);
        server.close();
    }

    /** Over TLS the encrypting handler's own buffer counts towards the channel's water marks too. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = SecurityMode.class, names = {"disabled", "required"})
    void clientsThatStopReadingAreCutOffAtTheCapWhileOthersChat(SecurityMode security) throws Exception {
        this.security = security;
        server = TestServer.start("c2s:\n  require-tls: false\n  max-queued-bytes: " + CAP + "\nlimits:\n  max-stanza-bytes: " + CAP + "\n");
        XMPPTCPConnection flooder = login("mallory", SocketFactory.getDefault());
        XMPPTCPConnection alice = login("alice", SocketFactory.getDefault());
        XMPPTCPConnection bob = login("bob", SocketFactory.getDefault());
        AtomicLong bobReceived = new AtomicLong();
        bob.addAsyncStanzaListener(s -> bobReceived.incrementAndGet(), s -> s instanceof Message);

        List<XMPPTCPConnection> slow = new ArrayList<>();
        List<AtomicReference<Exception>> closedWith = new ArrayList<>();
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            StallingSockets factory = new StallingSockets();
            XMPPTCPConnection client = login("slow" + i, factory);
            AtomicReference<Exception> closed = new AtomicReference<>();
            client.addConnectionListener(new ConnectionListener() {
                @Override
                public void connectionClosedOnError(Exception e) {
                    closed.set(e);
                }
            });
            factory.stall();
            sockets.add(factory);
            slow.add(client);
            closedWith.add(closed);
        }

        AtomicLong mostQueued = new AtomicLong();
        // A platform thread: the server's own virtual threads keep both carriers busy while it is
        // flooded, and a virtual sampler could miss the few milliseconds the queue is full.
        Thread sampler = Thread.ofPlatform().daemon().priority(Thread.MAX_PRIORITY).start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                mostQueued.accumulateAndGet(server.server().queuedOutboundBytes(), Math::max);
                LockSupport.parkNanos(100_000);
            }
        });
        int chatted = 0;
        try {
            for (XMPPTCPConnection target : slow) {
                chatted += floodUntilCutOff(flooder, target.getUser(), alice, bob);
            }
        } finally {
            sampler.interrupt();
            sampler.join();
        }

        assertThat(mostQueued.get()).isPositive().isLessThanOrEqualTo((long) SLOW_CLIENTS * CAP);
        int sentToBob = chatted;
        await().atMost(Duration.ofSeconds(10)).until(() -> bobReceived.get() == sentToBob);
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            sockets.get(i).resume();
            AtomicReference<Exception> closed = closedWith.get(i);
            await().atMost(Duration.ofSeconds(10)).until(() -> closed.get() != null);
            assertThat(closed.get()).isInstanceOf(StreamErrorException.class);
            assertThat(((StreamErrorException) closed.get()).getStreamError().getCondition())
                    .isEqualTo(StreamError.Condition.policy_violation);
        }
        assertThat(server.server().queuedOutboundBytes()).isZero();
    }

    /** Floods {@code target} until the server drops its session while alice chats to bob; returns her count. */
    private int floodUntilCutOff(XMPPTCPConnection flooder, EntityFullJid target, XMPPTCPConnection alice,
            XMPPTCPConnection bob) throws Exception {
        org.jxmpp.jid.Jid bobJid = bob.getUser();
        int chatted = 0;
        for (int i = 0; i < MAX_FLOOD_MESSAGES && bound(target); i++) {
            // Headlines: those still in flight when the session ends are dropped (RFC 6121 §8.5.3.2.1), not stored.
            flooder.sendStanza(flooder.getStanzaFactory().buildMessageStanza().ofType(Message.Type.headline)
                    .to(target).setBody(BODY).build());
            if (i % 20 == 0) {
                alice.sendStanza(alice.getStanzaFactory().buildMessageStanza().to(bobJid).setBody("hi " + i).build());
                chatted++;
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !bound(target));
        return chatted;
    }

    private boolean bound(EntityFullJid jid) {
        return server.server().sessions().get(im.parley.xmpp.Jid.parse(jid.toString())) != null;
    }

    private XMPPTCPConnection login(String user, SocketFactory sockets) throws Exception {
        server.addUser(user, "pw");
        XMPPTCPConnection connection = new XMPPTCPConnection(server.clientConfig(user, "pw")
                .setSecurityMode(security).setSocketFactory(sockets).setResource("r").build());
        connection.setReplyTimeout(5000);
        connection.connect().login();
        connections.add(connection);
        return connection;
    }
}
