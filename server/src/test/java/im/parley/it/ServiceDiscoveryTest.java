package im.parley.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import im.parley.it.roster.SubscriptionTest;
import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import java.util.List;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqversion.VersionManager;
import org.jivesoftware.smackx.iqversion.packet.Version;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.time.EntityTimeManager;
import org.jivesoftware.smackx.time.packet.Time;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

/** Disco, ping, version and time answered by the server's modules to a real client. */
class ServiceDiscoveryTest {
    @RegisterExtension
    static final ParleyExtension parley = new ParleyExtension().users("alice", "juliet", "romeo", "nurse");
    @Login("alice/desk")
    static XMPPTCPConnection alice;

    @Test
    void serverInfoListsTheModulesFeatures() throws Exception {
        DiscoverInfo info = disco(alice).discoverInfo(JidCreate.domainBareFrom("localhost"));
        assertThat(info.getIdentities()).anySatisfy(i -> {
            assertThat(i.getCategory()).isEqualTo("server");
            assertThat(i.getType()).isEqualTo("im");
        });
        assertThat(info.getFeatures()).extracting(DiscoverInfo.Feature::getVar).contains(
                "http://jabber.org/protocol/disco#info", "http://jabber.org/protocol/disco#items",
                "urn:xmpp:ping", "jabber:iq:version", "urn:xmpp:time");
        // Registration is closed by default, so it is not announced.
        assertThat(info.getFeatures()).extracting(DiscoverInfo.Feature::getVar).doesNotContain("jabber:iq:register");
    }

    @Test
    void accountInfoHasTheRegisteredAccountIdentityAndTheFeaturesOfAccounts() throws Exception {
        DiscoverInfo info = disco(alice).discoverInfo(JidCreate.bareFrom("alice@localhost"));
        // XEP-0163 §4: the account is a PEP service too.
        assertThat(info.getIdentities()).extracting(i -> i.getCategory() + "/" + i.getType())
                .containsExactly("account/registered", "pubsub/pep");
        assertThat(info.getFeatures()).extracting(DiscoverInfo.Feature::getVar).contains(
                "http://jabber.org/protocol/disco#info", "http://jabber.org/protocol/disco#items", "jabber:iq:roster",
                "vcard-temp", "urn:xmpp:blocking", "jabber:iq:last", "jabber:iq:private");
    }

    /** XEP-0030 §3.1, §4.1 and §8: what an account's bare JID tells depends on whether it shares its presence. */
    @Test
    void anAccountAnswersWhoMaySeeItsPresenceOnly() throws Exception {
        try (RecordingClient juliet = parley.login("juliet", "balcony");
                RecordingClient romeo = parley.login("romeo", "orchard");
                RecordingClient nurse = parley.login("nurse", "kitchen")) {
            // Romeo may see Juliet's presence (her roster has him with 'from'); she may not see his ('to').
            SubscriptionTest.subscribe(romeo, "romeo", juliet, "juliet");
            BareJid julietsAccount = RecordingClient.jid("juliet");
            assertThat(disco(romeo.connection()).discoverInfo(julietsAccount).getIdentities())
                    .extracting(DiscoverInfo.Identity::getCategory).containsExactly("account", "pubsub");
            assertThat(disco(romeo.connection()).discoverItems(julietsAccount).getItems())
                    .extracting(item -> item.getEntityID().toString()).containsExactly("juliet@localhost/balcony");

            for (RecordingClient stranger : List.of(juliet, nurse)) {
                BareJid account = stranger == juliet ? RecordingClient.jid("romeo") : julietsAccount;
                assertThat(infoError(stranger.connection(), account)).isEqualTo(Condition.service_unavailable);
                assertThat(disco(stranger.connection()).discoverItems(account).getItems()).isEmpty();
            }
        }
    }

    /**
     * XEP-0030 §8: an account that does not exist answers as one that does not share its presence
     * with the requester (service-unavailable for info, rule 2.1: an empty list of items, with or
     * without a node), so disco is no test of which accounts exist.
     */
    @Test
    void anAccountThatDoesNotExistAnswersAsOneThatDoesNotShareItsPresence() throws Exception {
        BareJid nobody = JidCreate.bareFrom("nobody@localhost");
        BareJid stranger = JidCreate.bareFrom("juliet@localhost");
        for (BareJid account : List.of(nobody, stranger)) {
            assertThat(infoError(alice, account)).as("info of %s", account).isEqualTo(Condition.service_unavailable);
            assertThat(disco(alice).discoverItems(account).getItems()).as("items of %s", account).isEmpty();
            assertThat(disco(alice).discoverItems(account, "http://jabber.org/protocol/commands").getItems())
                    .as("items of a node of %s", account).isEmpty();
        }
    }

    private static Condition infoError(XMPPTCPConnection requester, BareJid account) {
        XMPPErrorException refused = catchThrowableOfType(XMPPErrorException.class,
                () -> disco(requester).discoverInfo(account));
        return refused.getStanzaError().getCondition();
    }

    private static ServiceDiscoveryManager disco(XMPPTCPConnection connection) {
        return ServiceDiscoveryManager.getInstanceFor(connection);
    }

    @Test
    void serverAnswersPing() throws Exception {
        assertThat(PingManager.getInstanceFor(alice).pingMyServer(true)).isTrue();
    }

    @Test
    void serverTellsItsVersion() throws Exception {
        Version version = VersionManager.getInstanceFor(alice).getVersion(JidCreate.domainBareFrom("localhost"));
        assertThat(version.getName()).isEqualTo("Parley");
        assertThat(version.getVersion()).isNotBlank();
    }

    @Test
    void serverTellsItsTime() throws Exception {
        Time time = EntityTimeManager.getInstanceFor(alice).getTime(JidCreate.domainBareFrom("localhost"));
        assertThat(time.getTime()).isCloseTo(new java.util.Date(), 60_000);
    }
}
