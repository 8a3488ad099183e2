package im.parley.it.federation;

import static im.parley.it.federation.TwoServers.presence;
import static im.parley.it.federation.TwoServers.presenceFrom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import java.util.List;
import java.util.stream.IntStream;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jivesoftware.smackx.blocking.BlockingCommandManager;
import org.jivesoftware.smackx.carbons.CarbonManager;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.MamManager.MamQuery;
import org.jivesoftware.smackx.mam.MamManager.MamQueryArgs;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** Users of two Parley servers on loopback reach each other over server-to-server streams (dialback). */
class FederationTest {
    /** Shared by the tests, each with users of its own. */
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
    void usersChatAcrossServersInOrder() throws Exception {
        try (RecordingClient alice = TwoServers.user(servers.a, "carl", "phone");
                RecordingClient bob = TwoServers.user(servers.b, "dora", "laptop")) {
            // Dora may still be coming online: what is stored for her meanwhile comes first (Session.catchUp).
            for (int i = 0; i < 20; i++) {
                alice.send(alice.chat("dora@b.test", "hello " + i));
            }
            assertThat(bob.awaitReceived(Message.class, 20)).extracting(Message::getBody)
                    .containsExactly(IntStream.range(0, 20).mapToObj(i -> "hello " + i).toArray(String[]::new));
            assertThat(bob.received(Message.class).getFirst().getFrom().toString()).isEqualTo("carl@a.test/phone");

            bob.send(bob.chat("carl@a.test/phone", "hi alice"));
            assertThat(alice.awaitMessage().getBody()).isEqualTo("hi alice");
        }
    }

    /** RFC 6121 across servers: both subscribe, each sees the other online, then offline. */
    @Test
    void usersSubscribeToEachOtherAndSeePresenceAcrossServers() throws Exception {
        try (RecordingClient alice = TwoServers.user(servers.a, "alice", "phone");
                RecordingClient bob = TwoServers.user(servers.b, "bob", "laptop")) {
            alice.send(presence(alice, Presence.Type.subscribe, "bob@b.test"));
            bob.await(presenceFrom(Presence.Type.subscribe, "alice@a.test"));
            bob.send(presence(bob, Presence.Type.subscribed, "alice@a.test"));
            alice.await(presenceFrom(Presence.Type.subscribed, "bob@b.test"));
            // The subscription's approval brings the contact's current presence (RFC 6121 §3.1.5).
            alice.await(presenceFrom(Presence.Type.available, "bob@b.test"));

            bob.send(presence(bob, Presence.Type.subscribe, "alice@a.test"));
            alice.await(presenceFrom(Presence.Type.subscribe, "bob@b.test"));
            alice.send(presence(alice, Presence.Type.subscribed, "bob@b.test"));
            bob.await(presenceFrom(Presence.Type.available, "alice@a.test"));
            await().until(() -> type(alice, "bob@b.test") == ItemType.both && type(bob, "alice@a.test") == ItemType.both);
        }
        // A login probes the remote contact (§4.3) and is broadcast to it; a logout too.
        try (RecordingClient bob = servers.b.login("bob", "bob-pw", "laptop")) {
            RecordingClient alice = servers.a.login("alice", "alice-pw", "phone");
            alice.await(presenceFrom(Presence.Type.available, "bob@b.test"));
            bob.await(presenceFrom(Presence.Type.available, "alice@a.test"));
            alice.close();
            bob.await(s -> s instanceof Presence p && p.getType() == Presence.Type.unavailable
                    && p.getFrom().toString().equals("alice@a.test/phone"));
        }
    }

    /**
     * XEP-0313 across servers: each side's archive keeps the message once, the sender's too (no
     * delivery report comes back for a message that leaves the server); the sender's archive id
     * is on the sender's own carbon and never on what the recipient gets (XEP-0359).
     */
    @Test
    void bothArchivesKeepAMessageToARemoteUserOnce() throws Exception {
        try (RecordingClient alice = TwoServers.user(servers.a, "kate", "phone");
                RecordingClient tablet = servers.a.login("kate", ParleyExtension.password("kate"), "tablet");
                RecordingClient bob = TwoServers.user(servers.b, "liam", "laptop")) {
            CarbonManager.getInstanceFor(tablet.connection()).enableCarbons();
            alice.send(alice.chat("liam@b.test", "kept on both sides"));
            Message received = bob.awaitMessage();
            assertThat(received.getExtensions(StanzaIdElement.class)).extracting(StanzaIdElement::getBy)
                    .containsExactly("liam@b.test");
            Message carbon = tablet.awaitMessage(m -> CarbonExtension.from(m) != null);
            Message sent = CarbonExtension.from(carbon).getForwarded().getForwardedStanza();

            MamQuery kates = archive(alice);
            assertThat(kates.getMessages()).extracting(Message::getBody).containsExactly("kept on both sides");
            assertThat(kates.getMamResultExtensions().getFirst().getId())
                    .isEqualTo(StanzaIdElement.getStanzaId(sent).getId());
            assertThat(StanzaIdElement.getStanzaId(sent).getBy()).isEqualTo("kate@a.test");
            assertThat(archive(bob).getMessages()).extracting(Message::getBody).containsExactly("kept on both sides");
        }
    }

    @Test
    void aMessageToAnOfflineRemoteUserIsDeliveredAtLogin() throws Exception {
        servers.b.addUser("frank", "frank-pw");
        try (RecordingClient alice = TwoServers.user(servers.a, "erin", "phone")) {
            alice.send(alice.chat("frank@b.test", "while you were out"));
            // One stream carries both in order: once this is answered, b.test has stored the message.
            // (It is answered with an error: bob shares no presence with alice.)
            try {
                ServiceDiscoveryManager.getInstanceFor(alice.connection()).discoverInfo(JidCreate.bareFrom("frank@b.test"));
            } catch (XMPPErrorException e) {
                assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
            }
        }
        try (RecordingClient bob = servers.b.login("frank", "frank-pw", "laptop")) {
            Message message = bob.awaitMessage();
            assertThat(message.getBody()).isEqualTo("while you were out");
            assertThat(message.getFrom().toString()).isEqualTo("erin@a.test/phone");
        }
    }

    /**
     * XEP-0191 across servers: once mona blocks nils of the other server, his message and presence
     * do not reach her (olga's marker, on the same stream after them, shows they were handled), and
     * her own message to him is refused with the blocked error; unblocking lets both ways through.
     */
    @Test
    void aUserBlocksARemoteUser() throws Exception {
        try (RecordingClient mona = TwoServers.user(servers.a, "mona", "phone");
                RecordingClient nils = TwoServers.user(servers.b, "nils", "laptop");
                RecordingClient olga = TwoServers.user(servers.b, "olga", "tablet")) {
            servers.a.awaitAvailable("mona@a.test");
            servers.b.awaitAvailable("nils@b.test");
            BlockingCommandManager blocking = BlockingCommandManager.getInstanceFor(mona.connection());
            blocking.blockContacts(List.of(JidCreate.entityBareFrom("nils@b.test")));

            nils.send(nils.chat("mona@a.test", "let me in"));
            nils.send(nils.connection().getStanzaFactory().buildPresenceStanza().to(mona.jid()).build());
            olga.send(olga.chat("mona@a.test", "marker"));
            assertThat(mona.awaitMessage().getBody()).isEqualTo("marker");
            assertThat(mona.received()).noneMatch(s -> s.getFrom() != null && s.getFrom().asBareJid().toString().equals("nils@b.test"));
            assertThat(nils.awaitMessage(m -> m.getType() == Message.Type.error).getError().getCondition())
                    .isEqualTo(StanzaError.Condition.service_unavailable);

            mona.send(mona.chat("nils@b.test", "you will never read this"));
            StanzaError refused = mona.awaitMessage(m -> m.getType() == Message.Type.error).getError();
            assertThat(refused.getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
            assertThat((Object) refused.getExtension("blocked", "urn:xmpp:blocking:errors")).isNotNull();

            blocking.unblockContacts(List.of(JidCreate.entityBareFrom("nils@b.test")));
            nils.send(nils.chat("mona@a.test", "hello again"));
            assertThat(mona.awaitMessage(m -> m.getType() == Message.Type.chat && m.getFrom().toString()
                    .equals("nils@b.test/laptop")).getBody()).isEqualTo("hello again");
            mona.send(mona.chat("nils@b.test", "welcome back"));
            assertThat(nils.awaitMessage(m -> m.getType() == Message.Type.chat).getBody()).isEqualTo("welcome back");
            assertThat(nils.received(Message.class)).noneMatch(m -> "you will never read this".equals(m.getBody()));
        }
    }

    /** XEP-0191 §3.3 across servers: a blocked contact entitled to her presence sees her go offline, and back at the unblock. */
    @Test
    void aBlockedRemoteContactSeesTheUserGoOfflineAndBackOnline() throws Exception {
        try (RecordingClient pia = TwoServers.user(servers.a, "pia", "phone");
                RecordingClient quin = TwoServers.user(servers.b, "quin", "laptop")) {
            servers.a.awaitAvailable("pia@a.test");
            quin.send(presence(quin, Presence.Type.subscribe, "pia@a.test"));
            pia.await(presenceFrom(Presence.Type.subscribe, "quin@b.test"));
            pia.send(presence(pia, Presence.Type.subscribed, "quin@b.test"));
            quin.await(presenceFrom(Presence.Type.available, "pia@a.test"));

            BlockingCommandManager blocking = BlockingCommandManager.getInstanceFor(pia.connection());
            blocking.blockContacts(List.of(JidCreate.entityBareFrom("quin@b.test")));
            quin.await(presenceFrom(Presence.Type.unavailable, "pia@a.test"));
            long available = quin.received().stream().filter(presenceFrom(Presence.Type.available, "pia@a.test")).count();

            blocking.unblockContacts(List.of(JidCreate.entityBareFrom("quin@b.test")));
            await().until(() -> quin.received().stream()
                    .filter(presenceFrom(Presence.Type.available, "pia@a.test")).count() > available);
        }
    }

    @Test
    void vcardAndServiceDiscoveryOfRemoteEntities() throws Exception {
        try (RecordingClient alice = TwoServers.user(servers.a, "gina", "phone");
                RecordingClient bob = TwoServers.user(servers.b, "hugo", "laptop")) {
            VCard card = new VCard();
            card.setNickName("Bobby");
            VCardManager.getInstanceFor(bob.connection()).saveVCard(card);

            VCard remote = VCardManager.getInstanceFor(alice.connection())
                    .loadVCard(JidCreate.entityBareFrom("hugo@b.test"));
            assertThat(remote.getNickName()).isEqualTo("Bobby");
            ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(alice.connection());
            assertThat(disco.discoverInfo(JidCreate.domainBareFrom("b.test")).getFeatures())
                    .anySatisfy(f -> assertThat(f.getVar()).isEqualTo("vcard-temp"));
            assertThat(disco.discoverItems(JidCreate.domainBareFrom("b.test")).getItems())
                    .anySatisfy(i -> assertThat(i.getEntityID().toString()).isEqualTo("conference.b.test"));
        }
    }

    @Test
    void usersJoinEachOthersRooms() throws Exception {
        try (RecordingClient alice = TwoServers.user(servers.a, "ivan", "phone");
                RecordingClient bob = TwoServers.user(servers.b, "jane", "laptop")) {
            TwoServers.roomsBothWays(alice, "lounge@conference.a.test", bob, "den@conference.b.test");
        }
    }

    /** The whole archive of the client's account (XEP-0313), once Smack has seen its features. */
    private static MamQuery archive(RecordingClient client) throws Exception {
        MamManager manager = MamManager.getInstanceFor(client.connection());
        assertThat(manager.isSupported()).isTrue();
        return manager.queryArchive(MamQueryArgs.builder().build());
    }

    private static ItemType type(RecordingClient client, String contact) throws Exception {
        RosterEntry entry = client.roster().getEntry(JidCreate.bareFrom(contact));
        return entry == null ? null : entry.getType();
    }
}
