package im.parley.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.ServerConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Stanzas to the server itself and to a module's service domain ({@code echo.localhost}, served
 * by the test-only {@link EchoFeature}), and features switched on and off in the configuration.
 */
class ServiceRoutingTest {
    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice");
    @Login("alice/desk")
    XMPPTCPConnection alice;

    private static DomainBareJid domain(String domain) throws Exception {
        return JidCreate.domainBareFrom(domain);
    }

    @Test
    @ServerConfig("echo:\n  enabled: true\n")
    void theServerListsItsServiceDomainsWhichAnswerIqMessagesAndPresence() throws Exception {
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(alice);
        DiscoverItems items = disco.discoverItems(domain("localhost"));
        assertThat(items.getItems()).extracting(i -> i.getEntityID().toString() + " " + i.getName())
                .containsExactlyInAnyOrder("echo.localhost " + EchoFeature.IDENTITY_NAME, "conference.localhost Chat rooms",
                        "pubsub.localhost Publish-Subscribe", "upload.localhost HTTP File Upload");
        DiscoverInfo info = disco.discoverInfo(domain("echo.localhost"));
        assertThat(info.getIdentities()).anySatisfy(i -> assertThat(i.getName()).isEqualTo(EchoFeature.IDENTITY_NAME));

        List<Stanza> received = new CopyOnWriteArrayList<>();
        alice.addStanzaListener(received::add, s -> "echo.localhost".equals(String.valueOf(s.getFrom())));
        alice.sendStanza(alice.getStanzaFactory().buildMessageStanza().to(domain("echo.localhost"))
                .ofType(Message.Type.chat).setBody("ping?").build());
        alice.sendStanza(alice.getStanzaFactory().buildPresenceStanza().to(domain("echo.localhost")).build());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(received)
                .hasAtLeastOneElementOfType(Message.class).hasAtLeastOneElementOfType(Presence.class));
        assertThat(received).filteredOn(Message.class::isInstance).extracting(s -> ((Message) s).getBody())
                .containsExactly("ping?");
        assertThat(received).filteredOn(Presence.class::isInstance).extracting(s -> ((Presence) s).isAvailable())
                .containsExactly(true);
    }

    @Test
    // The directory searches vCards, so it goes with them (on alone, it stops start-up saying so).
    @ServerConfig("vcard:\n  enabled: false\nsearch:\n  enabled: false\nmuc:\n  enabled: false\npubsub:\n  enabled: false\n"
            + "upload:\n  enabled: false\n")
    void aDisabledFeatureLeavesNoTrace() throws Exception {
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(alice);
        assertThat(disco.discoverInfo(domain("localhost")).getFeatures()).extracting(DiscoverInfo.Feature::getVar)
                .contains("urn:xmpp:ping").doesNotContain("vcard-temp");
        assertThat(disco.discoverInfo(JidCreate.bareFrom("alice@localhost")).getFeatures())
                .extracting(DiscoverInfo.Feature::getVar).doesNotContain("vcard-temp");
        assertThatThrownBy(() -> VCardManager.getInstanceFor(alice).loadVCard())
                .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.service_unavailable));
        // A feature off by default (the test-only echo service) is not routed to either, nor one
        // switched off (chat rooms, the publish-subscribe service, file upload).
        assertThat(disco.discoverItems(domain("localhost")).getItems()).isEmpty();
        assertThatThrownBy(() -> disco.discoverInfo(domain("echo.localhost")))
                .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.remote_server_not_found));
    }

    @Test
    void aSubscriptionToTheServerIsApprovedWithItsPresenceAndItsCancellationAnswered() throws Exception {
        Roster roster = Roster.getInstanceFor(alice);
        roster.createItemAndRequestSubscription(domain("localhost"), "Server", null);
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            RosterEntry entry = roster.getEntry(domain("localhost"));
            return entry != null && entry.canSeeHisPresence() && roster.getPresence(domain("localhost")).isAvailable();
        });

        // RFC 6121 §3.3.3: unsubscribing is answered with the server's unavailable presence.
        List<Presence> fromServer = new CopyOnWriteArrayList<>();
        alice.addStanzaListener(p -> fromServer.add((Presence) p),
                s -> s instanceof Presence && "localhost".equals(String.valueOf(s.getFrom())));
        alice.sendStanza(alice.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.unsubscribe)
                .to(domain("localhost")).build());
        await().atMost(Duration.ofSeconds(5)).until(() -> !fromServer.isEmpty());
        assertThat(fromServer).extracting(Presence::getType).containsExactly(Presence.Type.unavailable);
    }
}
