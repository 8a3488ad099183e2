package im.parley.it.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.it.TestServer;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqlast.LastActivityManager;
import org.jivesoftware.smackx.iqlast.packet.LastActivity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Last Activity (XEP-0012) with real clients. Without presence subscriptions nobody else may see
 * a user's activity; the authorized answers are covered by LastActivityModuleTest.
 */
class LastActivityTest {
    private static TestServer server;
    private XMPPTCPConnection alice;
    private XMPPTCPConnection bob;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        server.addUser("alice", "alice-pw");
        server.addUser("bob", "bob-pw");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void connect() throws Exception {
        alice = server.login("alice", "alice-pw", "phone");
        bob = server.login("bob", "bob-pw", "laptop");
    }

    @AfterEach
    void disconnect() {
        alice.disconnect();
        bob.disconnect();
    }

    @Test
    void theServerAnswersWithItsUptime() throws Exception {
        LastActivity uptime = LastActivityManager.getInstanceFor(bob).getLastActivity(JidCreate.from("localhost"));
        assertThat(uptime.getIdleTime()).isBetween(0L, 600L);
    }

    @Test
    void aConnectedUserAskingAboutThemselvesGetsZero() throws Exception {
        LastActivity own = LastActivityManager.getInstanceFor(alice).getLastActivity(JidCreate.from("alice@localhost"));
        assertThat(own.getIdleTime()).isZero();
    }

    @Test
    void someoneWhoMayNotSeePresenceIsForbiddenAtTheBareAndTheFullJid() {
        for (String target : new String[] {"alice@localhost", "alice@localhost/phone"}) {
            assertThatThrownBy(() -> LastActivityManager.getInstanceFor(bob).getLastActivity(JidCreate.from(target)))
                    .as(target)
                    .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(
                            e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));
        }
    }

    @Test
    void aQueryToTheUsersOwnOtherResourceReachesTheClient() throws Exception {
        XMPPTCPConnection tablet = server.login("alice", "alice-pw", "tablet");
        try {
            // Smack's LastActivityManager in the phone answers for itself.
            LastActivity idle = LastActivityManager.getInstanceFor(tablet)
                    .getLastActivity(JidCreate.from("alice@localhost/phone"));
            assertThat(idle.getFrom().toString()).isEqualTo("alice@localhost/phone");
        } finally {
            tablet.disconnect();
        }
    }
}
