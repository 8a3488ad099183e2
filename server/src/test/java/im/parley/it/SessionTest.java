package im.parley.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RawStream;
import im.parley.testkit.RecordingClient;
import im.parley.testkit.ServerConfig;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.parts.Localpart;

/** Session rules: resource conflicts, in-band registration and account management, timeouts. */
class SessionTest {
    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("dave");

    @Test
    void sameResourceReplacesTheOlderSessionByDefault() throws Exception {
        XMPPTCPConnection first = parley.login("dave", "home").connection();
        AtomicReference<Exception> closedWith = new AtomicReference<>();
        first.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosedOnError(Exception e) {
                closedWith.set(e);
            }
        });
        XMPPTCPConnection second = parley.login("dave", "home").connection();
        await().atMost(Duration.ofSeconds(5)).until(() -> closedWith.get() != null);
        assertThat(closedWith.get()).isInstanceOf(StreamErrorException.class);
        assertThat(((StreamErrorException) closedWith.get()).getStreamError().getCondition())
                .isEqualTo(StreamError.Condition.conflict);
        assertThat(second.isAuthenticated()).isTrue();
    }

    @Test
    void legacySessionEstablishmentIsAcknowledged() throws Exception {
        RecordingClient dave = parley.login("dave", "old-client");
        // RFC 3921's session IQ, still sent by old clients: RFC 6120 servers answer it with a result.
        org.jivesoftware.smack.packet.Session session = new org.jivesoftware.smack.packet.Session();
        session.setType(org.jivesoftware.smack.packet.IQ.Type.set);
        dave.request(session);
    }

    @Test
    @ServerConfig("c2s:\n  resource-conflict: refuse\n")
    void sameResourceIsRefusedWhenConfigured() throws Exception {
        XMPPTCPConnection first = parley.login("dave", "home").connection();
        assertThatThrownBy(() -> parley.login("dave", "home"))
                .isInstanceOf(XMPPErrorException.class)
                .hasMessageContaining("conflict");
        assertThat(first.isConnected()).isTrue();
    }

    @Test
    @ServerConfig("registration:\n  open: true\n  per-ip-per-minute: 2\n")
    void inBandRegistrationCreatesAnAccountThatCanLogIn() throws Exception {
        XMPPTCPConnection anonymous = parley.client("x").password("y").connect().connection();
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
        RecordingClient erin = parley.login("erin", "new");
        assertThat(erin.connection().isAuthenticated()).isTrue();
    }

    @Test
    void registrationIsRefusedWhenClosed() throws Exception {
        XMPPTCPConnection anonymous = parley.client("x").password("y").connect().connection();
        assertThatThrownBy(() -> AccountManager.getInstance(anonymous).createAccount(Localpart.from("mallory"), "pw"))
                .isInstanceOf(XMPPErrorException.class)
                .hasMessageContaining("service-unavailable");
        anonymous.disconnect();
        assertThat(parley.server().server().accounts().exists(parley.server().user("mallory"))).isFalse();
    }

    @Test
    void loggedInUserChangesPasswordAndRemovesAccount() throws Exception {
        parley.server().addUser("frank", "old-pw");
        XMPPTCPConnection frank = parley.client("frank").password("old-pw").resource("desk").login().connection();
        AccountManager.getInstance(frank).changePassword("new-pw");
        frank.disconnect();
        assertThatThrownBy(() -> parley.client("frank").password("old-pw").resource("desk").login())
                .isInstanceOf(SASLErrorException.class);
        frank = parley.client("frank").password("new-pw").resource("desk").login().connection();
        try {
            AccountManager.getInstance(frank).deleteAccount();
        } catch (org.jivesoftware.smack.SmackException.NotConnectedException e) {
            // XEP-0077 §3.2: the result is followed at once by a not-authorized stream error; Smack
            // sometimes handles the closed stream before handing the result to the waiting call.
            assertThat(e).hasMessageContaining("not-authorized");
        }
        XMPPTCPConnection closed = frank;
        await().atMost(Duration.ofSeconds(5)).until(() -> !closed.isConnected());
        assertThat(parley.server().server().accounts().exists(parley.server().user("frank"))).isFalse();
    }

    @Test
    @ServerConfig("c2s:\n  unauthenticated-timeout-seconds: 1\n")
    void unauthenticatedConnectionIsClosedAfterTimeout() throws Exception {
        String reply = replyToSilentStream();
        assertThat(reply).contains("<connection-timeout").endsWith("</stream:stream>");
    }

    @Test
    @ServerConfig("c2s:\n  unauthenticated-timeout-seconds: 30\n  idle-timeout-seconds: 2\n")
    void silentConnectionGetsAWhitespaceKeepaliveThenTheIdleTimeout() throws Exception {
        // Keepalive after half the idle timeout without a write, then the timeout itself.
        long start = System.nanoTime();
        String reply = replyToSilentStream();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(10));
        assertThat(reply).contains("</stream:features> <stream:error><connection-timeout")
                .endsWith("</stream:stream>");
    }

    @Test
    @ServerConfig("c2s:\n  rest-after-seconds: 1\n")
    void aSessionWhoseParserRestedKeepsChatting() throws Exception {
        parley.createUsers("gina", "hugo");
        RecordingClient gina = parley.login("gina", "a");
        RecordingClient hugo = parley.login("hugo", "b");

        for (int round = 0; round < 2; round++) {
            Thread.sleep(2500); // both parsers rest, then wake up for the next stanza
            gina.send(gina.connection().getStanzaFactory().buildMessageStanza().to(hugo.jid()).setBody("r" + round).build());
        }
        assertThat(hugo.awaitReceived(Message.class, 2)).extracting(Message::getBody).containsExactly("r0", "r1");
    }

    /** Opens a stream, sends nothing more, and returns everything the server wrote until it closed. */
    private String replyToSilentStream() throws Exception {
        return RawStream.untilClosed(parley.server().port(), RawStream.HEADER, Duration.ofSeconds(10));
    }
}
