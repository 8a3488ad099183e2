package im.parley.it.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import im.parley.testkit.RecordingClient;
import im.parley.testkit.TestServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A peer server that authenticates, then stops reading: what waits for it is capped by
 * {@code s2s.max-queued-bytes}, past which its stream ends with policy-violation (RFC 6120 §4.9.3.14)
 * and a log line, while the server goes on serving everyone else.
 */
class SlowPeerTest {
    private static final int CAP = 65_536;
    private static final String BODY = "x".repeat(8_000);
    /** Enough to fill any loopback socket's buffers and the cap many times over. */
    private static final int MAX_MESSAGES = 4_000;

    private ServerSocket peerPort;
    private TestServer server;
    /** What the server logs about server streams, from whichever thread logs it. */
    private final Queue<String> logged = new ConcurrentLinkedQueue<>();
    private final AppenderBase<ILoggingEvent> log = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            logged.add(event.getFormattedMessage());
        }
    };
    private Logger streamLog;
    private Level level;

    @BeforeEach
    void start() throws Exception {
        peerPort = new ServerSocket();
        // A small window: the peer's kernel holds little of what it does not read.
        peerPort.setReceiveBufferSize(4_096);
        peerPort.bind(new InetSocketAddress("127.0.0.1", 0));
        server = TestServer.start("domain: b.test\n"
                + "s2s:\n  enabled: true\n  bind-address: 127.0.0.1\n  port: 0\n  require-tls: false\n"
                + "  connect-timeout-seconds: 5\n  max-queued-bytes: " + CAP + "\n"
                + "  routes:\n    slow.test: 127.0.0.1:" + peerPort.getLocalPort() + "\n");
        streamLog = (Logger) LoggerFactory.getLogger("im.parley.s2s.ServerStream");
        level = streamLog.getLevel();
        streamLog.setLevel(Level.INFO);
        log.start();
        streamLog.addAppender(log);
    }

    @AfterEach
    void stop() throws Exception {
        streamLog.detachAppender(log);
        streamLog.setLevel(level);
        server.close();
        peerPort.close();
    }

    @Test
    void aPeerThatStopsReadingIsCutOffAtTheCapWhileTheServerServesEveryoneElse() throws Exception {
        server.addUser("bob", "bob-pw");
        server.addUser("alice", "alice-pw");
        CompletableFuture<Socket> authenticated = CompletableFuture.supplyAsync(this::acceptAndAuthenticate);
        try (RecordingClient bob = server.login("bob", "bob-pw", "laptop");
                RecordingClient alice = server.login("alice", "alice-pw", "phone")) {
            bob.send(bob.chat("carol@slow.test", "hello"));
            try (Socket peer = authenticated.get(10, TimeUnit.SECONDS)) {
                long mostQueued = 0;
                for (int i = 0; i < MAX_MESSAGES && cutOff() == null; i++) {
                    bob.send(bob.chat("carol@slow.test", BODY));
                    mostQueued = Math.max(mostQueued, server.server().queuedOutboundBytes());
                    if (i % 100 == 0) {
                        // Local traffic goes on while the peer's stream fills.
                        String line = "still here " + i;
                        bob.send(bob.chat(alice, line));
                        assertThat(alice.awaitMessage(m -> line.equals(m.getBody())).getBody()).isEqualTo(line);
                    }
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> cutOff() != null);
                assertThat(cutOff())
                        .contains("policy-violation", "More than " + CAP + " bytes wait for a server that does not read them");
                // Never much more than the cap waited (the clients' own queues are small).
                assertThat(mostQueued).isLessThanOrEqualTo(CAP + 65_536);
                assertThat(readUntilStreamError(peer)).contains("<policy-violation ");
                await().atMost(Duration.ofSeconds(10)).until(() -> server.server().queuedOutboundBytes() == 0);
            }
            bob.send(bob.chat(alice, "after the cut"));
            assertThat(alice.awaitMessage(m -> "after the cut".equals(m.getBody())).getBody()).isEqualTo("after the cut");
        }
    }

    /** The log line of the cut, once it is written. */
    private String cutOff() {
        return logged.stream().filter(line -> line.contains("policy-violation")).findFirst().orElse(null);
    }

    /** Plays slow.test's server: takes our dialback key as valid without asking, then reads nothing more. */
    private Socket acceptAndAuthenticate() {
        try {
            RawServerStream stream = new RawServerStream(peerPort.accept());
            stream.await("<stream:stream [^>]*>");
            stream.send(RawServerStream.header("slow.test", "b.test", "s1")
                    + "<stream:features><dialback xmlns='urn:xmpp:features:dialback'/></stream:features>");
            stream.await("<db:result [^>]*>[^<]+</db:result>");
            stream.send("<db:result from='slow.test' to='b.test' type='valid'/>");
            return stream.socket();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads everything that was waiting until the stream error, keeping only the end in memory. */
    private static String readUntilStreamError(Socket peer) throws Exception {
        InputStream in = peer.getInputStream();
        byte[] buffer = new byte[65_536];
        StringBuilder tail = new StringBuilder();
        int n;
        while ((n = in.read(buffer)) > 0) {
            tail.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            int error = tail.indexOf("<stream:error>");
            if (error >= 0 && tail.indexOf("</stream:error>", error) > 0) {
                return tail.substring(error);
            }
            if (tail.length() > 100_000) {
                tail.delete(0, tail.length() - 1_000);
            }
        }
        throw new AssertionError("the stream ended without an error: " + tail);
    }
}
