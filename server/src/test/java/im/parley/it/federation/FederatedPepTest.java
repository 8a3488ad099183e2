package im.parley.it.federation;

import static im.parley.it.federation.TwoServers.presence;
import static im.parley.it.federation.TwoServers.presenceFrom;
import static im.parley.it.pep.Pep.publish;
import static org.assertj.core.api.Assertions.assertThat;

import im.parley.it.pep.Pep;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smackx.caps.EntityCapsManager;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Personal eventing (XEP-0163) across two Parley servers: a contact on the other server,
 * subscribed to the publisher's presence and asking for {@code node+notify} in the caps of its
 * presence, gets the publisher's items and, on coming online, the last ones; the caps are
 * verified with a disco#info query from the publisher's bare JID. A contact without
 * {@code +notify}, or with it but without a subscription, gets nothing.
 */
class FederatedPepTest {
    private static final String MOOD = "http://jabber.org/protocol/mood";
    private static final String GEOLOC = "http://jabber.org/protocol/geoloc";
    private static TwoServers servers;

    @BeforeAll
    static void start() throws Exception {
        servers = TwoServers.start("");
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    @Test
    void remoteContactsAskingForNotifyGetItemsAndTheLastOnComingOnline() throws Exception {
        try (RecordingClient alice = TwoServers.user(servers.a, "alice", "desk");
                RecordingClient bob = TwoServers.user(servers.b, "bob", "laptop");
                RecordingClient carl = TwoServers.user(servers.b, "carl", "laptop");
                RecordingClient dan = TwoServers.user(servers.b, "dan", "laptop")) {
            BareJid owner = JidCreate.bareFrom("alice@a.test");
            TwoServers.subscribeBothWays(alice, bob);
            TwoServers.subscribeBothWays(alice, carl);
            List<Jid> askers = recordCapsQueries(bob);
            Pep.notify(bob, MOOD);
            Pep.notify(bob, GEOLOC);
            // Dan asks for mood too, but only sends Alice directed presence: no subscription.
            Pep.notify(dan, MOOD);
            dan.send(presence(dan, Presence.Type.available, "alice@a.test"));
            alice.await(s -> s instanceof Presence p && p.getFrom().equals(dan.jid()));
            // Alice's server verified Bob's caps by asking his client from her bare JID.
            Pep.until(() -> askers.contains(owner));
            publish(alice, MOOD, "m1", "happy");
            publish(alice, GEOLOC, "g1", "home");
            assertThat(Pep.awaitItem(bob, owner, MOOD).getId()).isEqualTo("m1");
            Pep.until(() -> Pep.receivedItem(bob, owner, GEOLOC, "g1"));
            assertNothingFrom(alice, carl);
            assertNothingFrom(alice, dan);

            // A second device of Bob's that comes online asking for mood gets the last item at once.
            RecordingClient tablet = new RecordingClient(servers.b.clientConfig("bob", ParleyExtension.password("bob"))
                    .setResource("tablet").build()).connect();
            ServiceDiscoveryManager.getInstanceFor(tablet.connection()).addFeature(MOOD + "+notify");
            try (tablet) {
                tablet.login();
                Pep.until(() -> Pep.receivedItem(tablet, owner, MOOD, "m1"));
                assertThat(Pep.receivedItem(tablet, owner, GEOLOC, "g1")).as("geoloc not asked for").isFalse();

                // Gone offline, the tablet is no longer a recipient; the laptop still is.
                tablet.connection().disconnect();
                alice.await(s -> s instanceof Presence p && p.getType() == Presence.Type.unavailable
                        && p.getFrom().toString().equals("bob@b.test/tablet"));
                publish(alice, MOOD, "m2", "sleepy");
                Pep.until(() -> Pep.receivedItem(bob, owner, MOOD, "m2"));
            }
            assertNothingFrom(alice, carl);
        }
    }

    /**
     * XEP-0163 §6.2's new subscriber on another server: Bob's presence, with mood+notify caps, reached
     * Alice while only she was subscribed to his; when she then approves his subscription to hers he
     * gets her last item, without sending presence again (her server probes him for his caps).
     */
    @Test
    void aRemoteContactWhoseSubscriptionIsApprovedGetsTheLastItem() throws Exception {
        try (RecordingClient alice = TwoServers.user(servers.a, "erin", "desk");
                RecordingClient bob = TwoServers.user(servers.b, "fred", "laptop")) {
            BareJid owner = alice.jid().asBareJid();
            Pep.notify(bob, MOOD);
            publish(alice, MOOD, "m1", "curious");
            String aJid = owner.toString();
            String bJid = bob.jid().asBareJid().toString();
            alice.send(presence(alice, Presence.Type.subscribe, bJid));
            bob.await(presenceFrom(Presence.Type.subscribe, aJid));
            bob.send(presence(bob, Presence.Type.subscribed, aJid));
            String nodeVer = EntityCapsManager.getInstanceFor(bob.connection()).getLocalNodeVer();
            String ver = nodeVer.substring(nodeVer.indexOf('#') + 1);
            alice.await(s -> s instanceof Presence p && p.getType() == Presence.Type.available
                    && p.getFrom().equals(bob.jid()) && p.toXML().toString().contains(ver));

            bob.send(presence(bob, Presence.Type.subscribe, aJid));
            alice.await(presenceFrom(Presence.Type.subscribe, bJid));
            alice.send(presence(alice, Presence.Type.subscribed, bJid));
            Pep.until(() -> Pep.receivedItem(bob, owner, MOOD, "m1"));
        }
    }

    /** Records who asks the client for its disco#info, which Smack's own handler then answers. */
    private static List<Jid> recordCapsQueries(RecordingClient client) {
        List<Jid> askers = new CopyOnWriteArrayList<>();
        IQRequestHandler[] smacks = new IQRequestHandler[1];
        smacks[0] = client.connection().registerIQRequestHandler(new AbstractIqRequestHandler(DiscoverInfo.ELEMENT,
                DiscoverInfo.NAMESPACE, IQ.Type.get, IQRequestHandler.Mode.async) {
            @Override
            public IQ handleIQRequest(IQ request) {
                askers.add(request.getFrom());
                return smacks[0].handleIQRequest(request);
            }
        });
        return askers;
    }

    /** Nothing of Alice's PEP reached the client: a chat message she sends after it arrives first on the same stream. */
    private static void assertNothingFrom(RecordingClient alice, RecordingClient client) throws Exception {
        String marker = "after the notifications " + System.nanoTime();
        alice.send(alice.chat(client.jid(), marker));
        client.awaitMessage(m -> marker.equals(m.getBody()));
        assertThat(client.received().stream().filter(FederatedPepTest::isPepEvent)).isEmpty();
    }

    private static boolean isPepEvent(Stanza stanza) {
        return stanza.toXML().toString().contains("http://jabber.org/protocol/pubsub#event");
    }
}
