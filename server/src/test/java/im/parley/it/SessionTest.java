package im.parley.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.parts.Localpart;

/** Session rules: resource conflicts, in-band registration and account management, timeouts. */
class SessionTest {
    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void sameResourceReplacesTheOlderSessionByDefault() throws Exception {
        server = TestServer.start();
        server.addUser("dave", "pw");
        XMPPTCPConnection first = server.login("dave", "pw", "home");
        AtomicReference<Exception> closedWith = new AtomicReference<>();
        first.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosedOnError(Exception e) {
                closedWith.set(e);
            }
        });
        XMPPTCPConnection second = server.login("dave", "pw", "home");
        await().atMost(Duration.ofSeconds(5)).until(() -> closedWith.get() != null);
        assertThat(closedWith.get()).isInstanceOf(StreamErrorException.class);
        assertThat(((StreamErrorException) closedWith.get()).getStreamError().getCondition())
                .isEqualTo(StreamError.Condition.conflict);
        assertThat(second.isAuthenticated()).isTrue();
        second.disconnect();
    }

    @Test
    void legacySessionEstablishmentIsAcknowledged() throws Exception {
        server = TestServer.start();
        server.addUser("dave", "pw");
        XMPPTCPConnection dave = server.login("dave", "pw", "old-client");
        // RFC 3921's session IQ, still sent by old clients: RFC 6120 servers answer it with a result.
        org.jivesoftware.smack.packet.Session session = new org.jivesoftware.smack.packet.Session();
        session.setType(org.jivesoftware.smack.packet.IQ.Type.set);
        dave.sendIqRequestAndWaitForResponse(session);
        dave.disconnect();
    }

    @Test
    void sameResourceIsRefusedWhenConfigured() throws Exception {
        server = TestServer.startWithC2s("  resource-conflict: refuse\n");
        server.addUser("dave", "pw");
        XMPPTCPConnection first = server.login("dave", "pw", "home");
        assertThatThrownBy(() -> server.login("dave", "pw", "home"))
                .isInstanceOf(XMPPErrorException.class)
                .hasMessageContaining("conflict");
        assertThat(first.isConnected()).isTrue();
        first.disconnect();
    }

    @Test
    void inBandRegistrationCreatesAnAccountThatCanLogIn() throws Exception {
        server = TestServer.start("registration:\n  open: true\n  per-ip-per-minute: 2\n");
        XMPPTCPConnection anonymous = new XMPPTCPConnection(server.clientConfig("x", "y").build());
        anonymous.connect();
        AccountManager accounts = AccountManager.getInstance(anonymous);
        assertThat(accounts.supportsAccountCreation()).isTrue();
        accounts.createAccount(Localpart.from("erin"), "erin-pw");
        assertThatThrownBy(() -> accounts.createAccount(Localpart.from("erin"), "other"))
                .isInstanceOf(XMPPErrorException.class)
                .satisfies(e -> assertThat(((XMPPErrorException) e).getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.conflict));
        // The third attempt from this address within a minute passes the configured limit of two.
        assertThatThrownBy(() -> accounts.createAccount(Localpart.from("gina"), "gina-pw"))
                .isInstanceOf(XMPPErrorException.class)
                .satisfies(e -> assertThat(((XMPPErrorException) e).getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.resource_constraint));
        anonymous.disconnect();
        XMPPTCPConnection erin = server.login("erin", "erin-pw", "new");
        assertThat(erin.isAuthenticated()).isTrue();
        erin.disconnect();
    }

    @Test
    void registrationIsRefusedWhenClosed() throws Exception {
        server = TestServer.start();
        XMPPTCPConnection anonymous = new XMPPTCPConnection(server.clientConfig("x", "y").build());
        anonymous.connect();
        assertThatThrownBy(() -> AccountManager.getInstance(anonymous).createAccount(Localpart.from("mallory"), "pw"))
                .isInstanceOf(XMPPErrorException.class)
                .hasMessageContaining("service-unavailable");
        anonymous.disconnect();
        assertThat(server.server().accounts().exists(server.user("mallory"))).isFalse();
    }

    @Test
    void loggedInUserChangesPasswordAndRemovesAccount() throws Exception {
        server = TestServer.start();
        server.addUser("frank", "old-pw");
        XMPPTCPConnection frank = server.login("frank", "old-pw", "desk");
        AccountManager.getInstance(frank).changePassword("new-pw");
        frank.disconnect();
        assertThatThrownBy(() -> server.login("frank", "old-pw", "desk")).isInstanceOf(SASLErrorException.class);
        frank = server.login("frank", "new-pw", "desk");
        try {
            AccountManager.getInstance(frank).deleteAccount();
        } catch (org.jivesoftware.smack.SmackException.NotConnectedException e) {
            // XEP-0077 §3.2: the result is followed at once by a not-authorized stream error; Smack
            // sometimes handles the closed stream before handing the result to the waiting call.
            assertThat(e).hasMessageContaining("not-authorized");
        }
        XMPPTCPConnection closed = frank;
        await().atMost(Duration.ofSeconds(5)).until(() -> !closed.isConnected());
        assertThat(server.server().accounts().exists(server.user("frank"))).isFalse();
    }

    @Test
    void unauthenticatedConnectionIsClosedAfterTimeout() throws Exception {
        server = TestServer.startWithC2s("  unauthenticated-timeout-seconds: 1\n");
        String reply = replyToSilentStream();
        assertThat(reply).contains("<connection-timeout").endsWith("</stream:stream>");
    }

    @Test
    void silentConnectionGetsAWhitespaceKeepaliveThenTheIdleTimeout() throws Exception {
        // Keepalive after half the idle timeout without a write, then the timeout itself.
        server = TestServer.startWithC2s("  unauthenticated-timeout-seconds: 30\n  idle-timeout-seconds: 2\n");
        long start = System.nanoTime();
        String reply = replyToSilentStream();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(10));
        assertThat(reply).contains("</stream:features> <stream:error><connection-timeout")
                .endsWith("</stream:stream>");
    }

    @Test
    void aSessionWhoseParserRestedKeepsChatting() throws Exception {
        server = TestServer.startWithC2s("  rest-after-seconds: 1\n");
        server.addUser("gina", "pw");
        server.addUser("hugo", "pw");
        XMPPTCPConnection gina = server.login("gina", "pw", "a");
        XMPPTCPConnection hugo = server.login("hugo", "pw", "b");
        java.util.List<String> atHugo = new java.util.concurrent.CopyOnWriteArrayList<>();
        hugo.addStanzaListener(s -> atHugo.add(((Message) s).getBody()), s -> s instanceof Message);

        for (int round = 0; round < 2; round++) {
            Thread.sleep(2500); // both parsers rest, then wake up for the next stanza
            gina.sendStanza(gina.getStanzaFactory().buildMessageStanza().to(hugo.getUser()).setBody("r" + round).build());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> atHugo.size() == 2);
        assertThat(atHugo).containsExactly("r0", "r1");
        gina.disconnect();
        hugo.disconnect();
    }

    /** Opens a stream, sends nothing more, and returns everything the server wrote until it closed its stream. */
    private String replyToSilentStream() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("<?xml version='1.0'?><stream:stream to='localhost' version='1.0' "
                    + "xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            java.io.InputStream in = socket.getInputStream();
            StringBuilder reply = new StringBuilder();
            // The server then waits for the client's closing tag (RFC 6120 §4.4): no end of file to wait for.
            for (int b; !reply.toString().endsWith("</stream:stream>") && (b = in.read()) >= 0; ) {
                reply.append((char) b);
            }
            return reply.toString();
        }
    }
}
