package im.parley.it.web;

import static im.parley.it.roster.SubscriptionTest.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.RecordingClient;
import im.parley.testkit.TestServer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.bosh.BOSHConfiguration;
import org.jivesoftware.smack.bosh.XMPPBOSHConnection;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.roster.Roster;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BOSH (XEP-0124, XEP-0206) with a real client: Smack's BOSH connection (jbosh underneath) logs in
 * over http:// from loopback (trusted as a browser or TLS proxy on the same machine), sees and is
 * seen by a contact on TCP, chats with it both ways, and logs out cleanly. The protocol's corners
 * are {@link BoshProtocolTest}'s, with a raw HTTP client (slixmpp has no BOSH transport).
 */
class BoshTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        server.addUser("alice", "alice-pw");
        server.addUser("bob", "bob-pw");
        // Contacts both ways, made over TCP, so that presence flows between the two.
        try (RecordingClient alice = server.login("alice", "alice-pw", "phone");
                RecordingClient bob = server.login("bob", "bob-pw", "setup")) {
            subscribe(alice, "alice", bob, "bob");
            subscribe(bob, "bob", alice, "alice");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void smackLogsInOverBoshSeesItsContactChatsBothWaysAndLogsOut() throws Exception {
        BOSHConfiguration config = BOSHConfiguration.builder().setUseHttps(false).setHost("localhost")
                .setPort(server.server().httpPort()).setFile("/http-bind").setXmppDomain("localhost")
                .setUsernameAndPassword("alice", "alice-pw").setResource("browser")
                .setSecurityMode(SecurityMode.disabled).build();
        XMPPBOSHConnection alice = new XMPPBOSHConnection(config);
        alice.setReplyTimeout(10_000);
        Roster.getInstanceFor(alice).setSubscriptionMode(Roster.SubscriptionMode.manual);
        BlockingQueue<Stanza> toAlice = new LinkedBlockingQueue<>();
        alice.addSyncStanzaListener(toAlice::add, stanza -> stanza instanceof Message || stanza instanceof Presence);
        Set<Thread> before = JboshThreads.running();
        try (RecordingClient bob = server.login("bob", "bob-pw", "desk")) {
            alice.connect().login();
            assertThat(alice.getUser().toString()).isEqualTo("alice@localhost/browser");
            JboshThreads jbosh = JboshThreads.startedSince(before);
            server.awaitAvailable("alice@localhost/browser");

            assertThat(bob.awaitPresence(Presence.Type.available, "alice").getFrom().toString())
                    .as("the BOSH user's presence, seen over TCP").isEqualTo("alice@localhost/browser");
            Presence bobs = (Presence) next(toAlice, s -> s instanceof Presence p && p.getFrom().toString().equals("bob@localhost/desk"));
            assertThat(bobs.getType()).as("the TCP contact's presence, seen over BOSH").isEqualTo(Presence.Type.available);

            for (int i = 1; i <= 3; i++) {
                bob.send(MessageBuilder.buildMessage().to(JidCreate.from("alice@localhost/browser"))
                        .ofType(Message.Type.chat).setBody("over TCP " + i).build());
            }
            for (int i = 1; i <= 3; i++) {
                Message received = (Message) next(toAlice, s -> s instanceof Message);
                assertThat(received.getBody()).as("in order").isEqualTo("over TCP " + i);
                assertThat(received.getFrom().toString()).isEqualTo("bob@localhost/desk");
            }

            alice.sendStanza(MessageBuilder.buildMessage().to(JidCreate.from("bob@localhost/desk"))
                    .ofType(Message.Type.chat).setBody("over BOSH").build());
            assertThat(bob.awaitMessage().getBody()).isEqualTo("over BOSH");

            jbosh.loggingOut();
            alice.disconnect();
            jbosh.awaitEnd();
            assertThat(bob.await(s -> s instanceof Presence p && p.getType() == Presence.Type.unavailable
                    && p.getFrom().toString().equals("alice@localhost/browser"))).as("a clean logout").isNotNull();
            Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> server.server().sessions().get(im.parley.xmpp.Jid.parse("alice@localhost/browser")) == null);
        } finally {
            alice.disconnect();
        }
    }

    /**
     * jbosh's request threads of one client (named so by jbosh), and what they died of. They must
     * have ended before the test goes on, so that nothing of the client is left running; and one
     * thing may end them that is jbosh's own race at logout, not the server's doing.
     *
     * <p>At logout two requests are open, each on its own HTTP connection and read by its own
     * jbosh thread: the one held (Smack's unavailable presence) and the terminate request. The
     * server answers both at once, in 'rid' order (XEP-0124 §13: the held one, the oldest, with
     * type='terminate', the terminate request with an empty body), on keep-alive connections it
     * leaves open. The thread that reads the terminate answer ends the session: BOSHClient.dispose, ApacheHTTPSender.destroy,
     * ThreadSafeClientConnManager.shutdown, which closes every connection, also the one the other
     * thread is reading the empty answer on. If that thread has read the answer's head and not
     * its body yet, HttpClient throws IllegalStateException("Connection is not open") (its
     * assertOpen in receiveResponseEntity: the connection was closed by this side, not by the
     * server); jbosh's processExchange catches only BOSHException, so the exception kills the
     * thread. Harmless, the session was over; but an uncaught exception in any thread fails the
     * Awaitility wait that runs at that moment (it catches them all by default): 1 run in 40 to 50
     * on a loaded machine. Caught here as that one exception and nothing else.
     */
    private static final class JboshThreads {
        private static final Logger log = Logger.getLogger(BoshTest.class.getName());
        /** Where jbosh reads an answer, and the race's exception comes from. */
        private static final String JBOSH_RESPONSE = "org.igniterealtime.jbosh.ApacheHTTPResponse";
        private final List<Thread> threads;
        private final List<Throwable> died = new CopyOnWriteArrayList<>();
        private volatile boolean loggingOut;

        private JboshThreads(List<Thread> threads) {
            this.threads = threads;
            threads.forEach(thread -> thread.setUncaughtExceptionHandler((t, e) -> died(e)));
        }

        static Set<Thread> running() {
            return Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith("RequestProcessor[")).collect(Collectors.toSet());
        }

        /** The client's threads: those started since {@code before}, once the session is made (one per 'requests'). */
        static JboshThreads startedSince(Set<Thread> before) {
            List<Thread> started = running().stream().filter(thread -> !before.contains(thread)).toList();
            assertThat(started).as("jbosh's request threads, one per request the session allows").hasSize(2);
            return new JboshThreads(started);
        }

        void loggingOut() {
            loggingOut = true;
        }

        private void died(Throwable e) {
            boolean race = e instanceof IllegalStateException && "Connection is not open".equals(e.getMessage())
                    && Arrays.stream(e.getStackTrace()).anyMatch(frame -> frame.getClassName().equals(JBOSH_RESPONSE));
            if (loggingOut && race) {
                log.info("A jbosh thread died of its own race at logout: " + e);
                return;
            }
            died.add(e);
        }

        /** The client has nothing left running, and its threads died of nothing but the race above. */
        void awaitEnd() throws InterruptedException {
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
                assertThat(thread.isAlive()).as("%s ended", thread.getName()).isFalse();
            }
            assertThat(died).as("jbosh's threads' uncaught exceptions").isEmpty();
        }
    }

    private static Stanza next(BlockingQueue<Stanza> queue, java.util.function.Predicate<Stanza> match)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Stanza stanza = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (stanza != null && match.test(stanza)) {
                return stanza;
            }
        }
        throw new AssertionError("no matching stanza in time");
    }
}
