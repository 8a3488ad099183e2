package im.parley.it.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqlast.LastActivityManager;
import org.jivesoftware.smackx.iqlast.packet.LastActivity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Last Activity (XEP-0012) with real clients. Without presence subscriptions nobody else may see
 * a user's activity; the authorized answers are covered by LastActivityModuleTest.
 */
class LastActivityTest {
    @RegisterExtension
    static final ParleyExtension parley = new ParleyExtension().users("alice", "bob");
    @Login("alice/phone")
    XMPPTCPConnection alice;
    @Login("bob/laptop")
    XMPPTCPConnection bob;

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
        XMPPTCPConnection tablet = parley.login("alice", "tablet").connection();
        // Smack's LastActivityManager in the phone answers for itself.
        LastActivity idle = LastActivityManager.getInstanceFor(tablet)
                .getLastActivity(JidCreate.from("alice@localhost/phone"));
        assertThat(idle.getFrom().toString()).isEqualTo("alice@localhost/phone");
    }
}
