package im.parley.it.caps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import im.parley.testkit.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.caps.EntityCapsManager;
import org.jivesoftware.smackx.caps.packet.CapsExtension;
import org.jivesoftware.smackx.disco.NodeInformationProvider;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Entity capabilities (XEP-0115) with real Smack clients: the server's own caps verify in
 * Smack, and the server learns a client's caps by one disco#info query per verification string,
 * never trusting one that does not hash to what was advertised.
 */
class EntityCapabilitiesTest {
    private static final String LIAR_NODE = "urn:test:liar";
    private static final String LIAR_VER = "AAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    @RegisterExtension
    static final ParleyExtension parley = new ParleyExtension().users("alice", "bob", "carol", "mallory", "trudy");
    private static DomainBareJid domain;

    @BeforeAll
    static void start() throws Exception {
        domain = JidCreate.domainBareFrom(TestServer.DOMAIN);
    }

    @Test
    void theServersCapsStreamFeatureVerifiesAgainstItsDiscoInfo() throws Exception {
        EntityCapsManager.clearMemoryCache();
        XMPPTCPConnection alice = login("alice", new CopyOnWriteArrayList<>(), true);

        EntityCapsManager.NodeVerHash advertised = EntityCapsManager.getNodeVerHashByJid(domain);
        assertThat(advertised).as("caps in the stream features after authentication").isNotNull();
        assertThat(advertised.getHash()).isEqualTo("sha-1");
        // Smack asks for node#ver and caches the answer only when it hashes to the advertised ver.
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(alice).discoverInfo(domain);
        assertThat(info.containsFeature(CapsExtension.NAMESPACE)).isTrue();
        assertThat(EntityCapsManager.getDiscoveryInfoByNodeVer(advertised.getNodeVer())).isNotNull();
    }

    @Test
    void theServerAsksOncePerVerificationString() throws Exception {
        List<Stanza> queriesToAlice = new CopyOnWriteArrayList<>();
        XMPPTCPConnection alice = login("alice", queriesToAlice, true);
        await().atMost(Duration.ofSeconds(5)).until(() -> queriesToAlice.size() == 1);
        DiscoverInfo query = (DiscoverInfo) queriesToAlice.getFirst();
        assertThat(query.getNode()).isEqualTo(EntityCapsManager.getInstanceFor(alice).getLocalNodeVer());

        List<Stanza> queriesToBob = new CopyOnWriteArrayList<>();
        XMPPTCPConnection bob = login("bob", queriesToBob, true);
        alice.sendStanza(alice.getStanzaFactory().buildPresenceStanza().setStatus("back").build());
        List<Stanza> queriesToCarol = new CopyOnWriteArrayList<>();
        XMPPTCPConnection carol = login("carol", queriesToCarol, true);

        // A query would be written to each before the answer to its later ping.
        for (XMPPTCPConnection c : List.of(alice, bob, carol)) {
            assertThat(PingManager.getInstanceFor(c).pingMyServer()).isTrue();
        }
        assertThat(queriesToAlice).hasSize(1);
        assertThat(queriesToBob).isEmpty();
        assertThat(queriesToCarol).isEmpty();
    }

    @Test
    void capsThatDoNotHashToTheirVerAreNotCached() throws Exception {
        List<Stanza> queriesToMallory = new CopyOnWriteArrayList<>();
        XMPPTCPConnection mallory = login("mallory", queriesToMallory, false);
        lie(mallory);
        await().atMost(Duration.ofSeconds(5)).until(() -> queriesToMallory.size() == 1);

        List<Stanza> queriesToTrudy = new CopyOnWriteArrayList<>();
        XMPPTCPConnection trudy = login("trudy", queriesToTrudy, false);
        lie(trudy);
        await().atMost(Duration.ofSeconds(5)).until(() -> queriesToTrudy.size() == 1);
        assertThat(((DiscoverInfo) queriesToTrudy.getFirst()).getNode()).isEqualTo(LIAR_NODE + "#" + LIAR_VER);
    }

    /** Connects, counting the disco#info queries the server sends; sends initial presence (with Smack's caps). */
    private XMPPTCPConnection login(String user, List<Stanza> queriesFromServer, boolean withCaps) throws Exception {
        ParleyExtension.ClientBuilder builder = parley.client(user).resource("caps");
        if (!withCaps) {
            builder.withoutPresence();
        }
        RecordingClient client = builder.build();
        XMPPTCPConnection connection = client.connection();
        if (!withCaps) {
            EntityCapsManager.getInstanceFor(connection).disableEntityCaps();
        }
        countDiscoInfoQueriesFromServer(connection, queriesFromServer);
        client.login();
        return connection;
    }

    /** Puts a counter in front of Smack's own disco#info handler (IQ requests never reach stanza listeners). */
    private static void countDiscoInfoQueriesFromServer(XMPPTCPConnection connection, List<Stanza> queries) {
        ServiceDiscoveryManager.getInstanceFor(connection);
        IQRequestHandler[] smacks = new IQRequestHandler[1];
        smacks[0] = connection.registerIQRequestHandler(new AbstractIqRequestHandler(DiscoverInfo.ELEMENT,
                DiscoverInfo.NAMESPACE, IQ.Type.get, IQRequestHandler.Mode.sync) {
            @Override
            public IQ handleIQRequest(IQ request) {
                if (domain.equals(request.getFrom())) {
                    queries.add(request);
                }
                return smacks[0].handleIQRequest(request);
            }
        });
    }

    /** Advertises a ver that the answered disco#info does not hash to. */
    private static void lie(XMPPTCPConnection connection) throws Exception {
        ServiceDiscoveryManager.getInstanceFor(connection).setNodeInformationProvider(LIAR_NODE + "#" + LIAR_VER,
                new NodeInformationProvider() {
                    @Override
                    public List<DiscoverItems.Item> getNodeItems() {
                        return List.of();
                    }

                    @Override
                    public List<String> getNodeFeatures() {
                        return List.of("http://jabber.org/protocol/disco#info", "urn:test:liar");
                    }

                    @Override
                    public List<DiscoverInfo.Identity> getNodeIdentities() {
                        return List.of(new DiscoverInfo.Identity("client", "pc", "Liar"));
                    }

                    @Override
                    public List<org.jivesoftware.smack.packet.ExtensionElement> getNodePacketExtensions() {
                        return List.of();
                    }
                });
        connection.sendStanza(connection.getStanzaFactory().buildPresenceStanza()
                .addExtension(new CapsExtension(LIAR_NODE, LIAR_VER, "sha-1")).build());
    }
}
