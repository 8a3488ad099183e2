package im.parley.it.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RawIq;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqprivate.PrivateDataManager;
import org.jivesoftware.smackx.iqprivate.packet.DefaultPrivateData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/** Private XML storage (XEP-0049) with real clients: only the owner reads and writes. */
class PrivateDataTest {
    @RegisterExtension
    static final ParleyExtension parley = new ParleyExtension()
            .config("private-storage:\n  max-bytes: 1024\n").users("alice", "bob");
    @Login("alice/phone")
    XMPPTCPConnection alice;
    @Login("bob/laptop")
    XMPPTCPConnection bob;

    private static DefaultPrivateData prefs(String nick) {
        DefaultPrivateData data = new DefaultPrivateData("exodus", "exodus:prefs");
        data.setValue("defaultnick", nick);
        return data;
    }

    @Test
    void theOwnerReadsBackWhatItStoredFromAnotherResource() throws Exception {
        PrivateDataManager.getInstanceFor(alice).setPrivateData(prefs("Hamlet"));
        XMPPTCPConnection tablet = parley.login("alice", "tablet").connection();
        DefaultPrivateData read = (DefaultPrivateData) PrivateDataManager.getInstanceFor(tablet)
                .getPrivateData("exodus", "exodus:prefs");
        assertThat(read.getValue("defaultnick")).isEqualTo("Hamlet");
    }

    @Test
    void nothingStoredComesBackAsTheEmptyElement() throws Exception {
        DefaultPrivateData read = (DefaultPrivateData) PrivateDataManager.getInstanceFor(bob)
                .getPrivateData("nothing", "urn:example:nothing");
        assertThat(read.getElementName()).isEqualTo("nothing");
        assertThat(read.getNames()).isEmpty();
    }

    @Test
    void anotherUserCanNeitherReadNorWrite() throws Exception {
        PrivateDataManager.getInstanceFor(alice).setPrivateData(prefs("Hamlet"));
        for (IQ.Type type : new IQ.Type[] {IQ.Type.get, IQ.Type.set}) {
            RawIq iq = new RawIq(type, JidCreate.from("alice@localhost"), "query", "jabber:iq:private",
                    "<exodus xmlns='exodus:prefs'><defaultnick>Macbeth</defaultnick></exodus>");
            assertThatThrownBy(() -> bob.sendIqRequestAndWaitForResponse(iq))
                    .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(
                            e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));
        }
        DefaultPrivateData read = (DefaultPrivateData) PrivateDataManager.getInstanceFor(alice)
                .getPrivateData("exodus", "exodus:prefs");
        assertThat(read.getValue("defaultnick")).isEqualTo("Hamlet");
    }

    @Test
    void reservedNamespacesAndAnEmptyQueryAreNotAcceptable() {
        for (String inner : new String[] {"<vCard xmlns='vcard-temp'><FN>Hamlet</FN></vCard>",
                "<query xmlns='jabber:iq:roster'/>", "<x xmlns='http://jabber.org/protocol/muc'/>", ""}) {
            RawIq iq = new RawIq(IQ.Type.set, null, "query", "jabber:iq:private", inner);
            assertThatThrownBy(() -> alice.sendIqRequestAndWaitForResponse(iq)).as(inner)
                    .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(
                            e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable));
        }
    }

    @Test
    void storageBeyondTheQuotaIsRefused() throws Exception {
        PrivateDataManager.getInstanceFor(bob).setPrivateData(prefs("x".repeat(600)));
        DefaultPrivateData second = new DefaultPrivateData("other", "urn:example:other");
        second.setValue("v", "y".repeat(600));
        assertThatThrownBy(() -> PrivateDataManager.getInstanceFor(bob).setPrivateData(second))
                .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.policy_violation));
        // Replacing a fragment counts its new size, not both.
        PrivateDataManager.getInstanceFor(bob).setPrivateData(prefs("z".repeat(700)));
    }
}
