package im.parley.it.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.FreePorts;
import im.parley.testkit.RecordingClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;

/**
 * Stream management (XEP-0198) on server-to-server streams between Parley peers: stanzas a
 * dropped connection leaves unacknowledged are sent again on a new stream, not lost; until then,
 * one stream carries everything for the domain pair.
 */
class FederationStreamManagementTest {
    private static final int SWALLOWED = 5;

    @Test
    void stanzasALostConnectionLeftUnacknowledgedGoAgainOnANewStream() throws Exception {
        int portA = FreePorts.next();
        int portB = FreePorts.next();
        try (Relay relay = new Relay(portB);
                TwoServers servers = TwoServers.start(
                        (peer, peerPort) -> TwoServers.staticRoutes(peer, peer.equals("b.test") ? relay.port() : peerPort),
                        portA, portB, "", "");
                RecordingClient alice = TwoServers.user(servers.a, "alice", "phone");
                RecordingClient bob = TwoServers.user(servers.b, "bob", "laptop")) {
            alice.send(alice.connection().getStanzaFactory().buildPresenceStanza().to(bob.jid()).build());
            alice.send(alice.chat("bob@b.test", "before"));
            bob.awaitMessage(m -> "before".equals(m.getBody()));

            relay.swallowing = true;
            for (int i = 1; i <= SWALLOWED; i++) {
                alice.send(alice.chat("bob@b.test", "swallowed " + i));
            }
            // Each message (and its <r/>) reaches the relay, which passes nothing on.
            await().atMost(Duration.ofSeconds(10)).until(() -> relay.swallowedBytes.get() > SWALLOWED * 100L);
            relay.swallowing = false;
            // One stream per domain pair, reused: the presence and every message took the first.
            assertThat(relay.connections.get()).as("connections before the cut").isEqualTo(1);
            relay.cut();

            List<String> expected = IntStream.rangeClosed(1, SWALLOWED).mapToObj(i -> "swallowed " + i).toList();
            await().atMost(Duration.ofSeconds(20)).until(() -> bob.received(Message.class).stream()
                    .map(Message::getBody).toList().containsAll(expected));
            assertThat(relay.connections.get()).as("a new connection carried them").isGreaterThanOrEqualTo(2);
        }
    }

    /** Forwards each connection to a port; can swallow what its clients send, and cut every connection. */
    private static final class Relay implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final int target;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final AtomicLong connections = new AtomicLong();
        private final AtomicLong swallowedBytes = new AtomicLong();
        private volatile boolean swallowing;

        Relay(int target) throws IOException {
            this.target = target;
            Thread.ofVirtual().start(this::accept);
        }

        int port() {
            return listener.getLocalPort();
        }

        private void accept() {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                    sockets.add(client);
                    sockets.add(server);
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> pump(client, server, true));
                    Thread.ofVirtual().start(() -> pump(server, client, false));
                } catch (IOException e) {
                    return;
                }
            }
        }

        /** Until either side closes. */
        private void pump(Socket from, Socket to, boolean fromClient) {
            byte[] buffer = new byte[16_384];
            try (from; to) {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int n; (n = in.read(buffer)) > 0;) {
                    if (fromClient && swallowing) {
                        swallowedBytes.addAndGet(n);
                    } else {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // One side closed or was cut: both go.
            }
        }

        void cut() throws IOException {
            for (Socket socket : sockets) {
                socket.close();
            }
            sockets.clear();
        }

        @Override
        public void close() throws IOException {
            listener.close();
            cut();
        }
    }
}
