package im.parley.it.web;

import static im.parley.it.roster.SubscriptionTest.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.RecordingClient;
import im.parley.testkit.TestServer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
        try (RecordingClient bob = server.login("bob", "bob-pw", "desk")) {
            alice.connect().login();
            assertThat(alice.getUser().toString()).isEqualTo("alice@localhost/browser");
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

            alice.disconnect();
            assertThat(bob.await(s -> s instanceof Presence p && p.getType() == Presence.Type.unavailable
                    && p.getFrom().toString().equals("alice@localhost/browser"))).as("a clean logout").isNotNull();
            Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> server.server().sessions().get(im.parley.xmpp.Jid.parse("alice@localhost/browser")) == null);
        } finally {
            alice.disconnect();
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
