package im.parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqversion.VersionManager;
import org.jivesoftware.smackx.iqversion.packet.Version;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.time.EntityTimeManager;
import org.jivesoftware.smackx.time.packet.Time;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** Disco, ping, version and time answered by the server's modules to a real client. */
class ServiceDiscoveryTest {
    private static TestServer server;
    private static XMPPTCPConnection alice;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        server.addUser("alice", "pw");
        alice = server.login("alice", "pw", "desk");
    }

    @AfterAll
    static void stop() throws Exception {
        alice.disconnect();
        server.close();
    }

    @Test
    void serverInfoListsTheModulesFeatures() throws Exception {
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(alice)
                .discoverInfo(JidCreate.domainBareFrom("localhost"));
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
    void accountInfoHasTheRegisteredAccountIdentity() throws Exception {
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(alice)
                .discoverInfo(JidCreate.bareFrom("alice@localhost"));
        assertThat(info.getIdentities()).anySatisfy(i -> assertThat(i.getCategory()).isEqualTo("account"));
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
