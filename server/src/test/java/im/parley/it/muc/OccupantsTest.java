package im.parley.it.muc;

import static im.parley.it.muc.Rooms.created;
import static im.parley.it.muc.Rooms.joined;
import static im.parley.it.muc.Rooms.nextBody;
import static im.parley.it.muc.Rooms.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * What occupants do through the room with Smack clients: requests to another occupant's JID
 * (XEP-0045 §18), self-ping (XEP-0410) and occupant ids (XEP-0421).
 */
class OccupantsTest {
    private static final Pattern OCCUPANT_ID = Pattern.compile("<occupant-id xmlns='urn:xmpp:occupant-id:0'[^>]* id='([^']+)'");

    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob");
    @Login("alice/desk")
    RecordingClient alice;
    @Login("bob/phone")
    RecordingClient bob;

    private static String occupantId(Stanza stanza) {
        Matcher m = OCCUPANT_ID.matcher(stanza.toXML().toString().replace('"', '\''));
        assertThat(m.find()).as("an occupant id in %s", stanza.toXML()).isTrue();
        return m.group(1);
    }

    @Test
    void aRequestToAnOccupantJidIsForwardedWithoutRevealingEitherRealJid() throws Exception {
        created(alice, "relay");
        joined(bob, "relay");
        // Alice's own client answers the ping (Smack's PingManager; the room answers only self-pings),
        // from her occupant JID as Bob sees it.
        IQ pong = bob.request(new Ping(JidCreate.entityFullFrom("relay@conference.localhost/alice")));
        assertThat(String.valueOf(pong.getFrom())).isEqualTo("relay@conference.localhost/alice");
        refused(Condition.item_not_found, () -> bob.request(new Ping(JidCreate.entityFullFrom(
                "relay@conference.localhost/nobody"))));
    }

    @Test
    void anOccupantsSelfPingIsAnsweredByTheRoomAndANonOccupantsIsNotAcceptable() throws Exception {
        MultiUserChat aliceRoom = created(alice, "pings");
        alice.request(new Ping(JidCreate.entityFullFrom("pings@conference.localhost/alice")));
        refused(Condition.not_acceptable, () -> bob.request(new Ping(JidCreate.entityFullFrom("pings@conference.localhost/alice"))));
        Rooms.leave(alice, aliceRoom);
        created(bob, "other");
        refused(Condition.not_acceptable, () -> alice.request(new Ping(JidCreate.entityFullFrom("other@conference.localhost/alice"))));
    }

    @Test
    void occupantIdsAreStablePerRoomDifferBetweenRoomsAndReplaceClaimedOnes() throws Exception {
        MultiUserChat aliceRoom = created(alice, "ids");
        MultiUserChat bobRoom = joined(bob, "ids");
        Presence bobsEntry = (Presence) alice.await(s -> s instanceof Presence p
                && String.valueOf(p.getFrom()).equals("ids@conference.localhost/bob"));
        String bobsId = occupantId(bobsEntry);
        // A message claiming another id carries the room's.
        bob.send(bob.connection().getStanzaFactory().buildMessageStanza().to(aliceRoom.getRoom())
                .ofType(Message.Type.groupchat).setBody("me")
                .addExtension(StandardExtensionElement.builder("occupant-id", "urn:xmpp:occupant-id:0")
                        .addAttribute("id", "forged").build()).build());
        assertThat(occupantId(nextBody(aliceRoom))).isEqualTo(bobsId);

        Rooms.leave(bob, bobRoom);
        joined(bob, "ids");
        Presence again = (Presence) alice.await(s -> s instanceof Presence p && p.getType() == Presence.Type.available
                && String.valueOf(p.getFrom()).equals("ids@conference.localhost/bob") && p != bobsEntry);
        assertThat(occupantId(again)).isEqualTo(bobsId);

        created(alice, "elsewhere");
        Presence elsewhere = joined(bob, "elsewhere").getOccupantPresence(
                JidCreate.entityFullFrom("elsewhere@conference.localhost/bob"));
        assertThat(occupantId(elsewhere)).isNotEqualTo(bobsId);
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(bob.connection()).discoverInfo(aliceRoom.getRoom());
        assertThat(info.containsFeature("urn:xmpp:occupant-id:0")).isTrue();
    }

    @Test
    void oneAccountFromTwoDevicesIsOneOccupantUnderOneNick() throws Exception {
        MultiUserChat bobRoom = created(bob, "devices");
        MultiUserChat atDesk = joined(alice, "devices");
        RecordingClient phone = parley.login("alice", "phone");
        MultiUserChat onPhone = joined(phone, "devices");
        // Bob sees one Alice; both of her devices are in.
        aliceSeenOnceBy(bobRoom);
        assertThat(onPhone.getOccupants()).extracting(Object::toString)
                .containsExactlyInAnyOrder("devices@conference.localhost/alice", "devices@conference.localhost/bob");

        bobRoom.sendMessage("to both");
        assertThat(nextBody(atDesk).getBody()).isEqualTo("to both");
        assertThat(nextBody(onPhone).getBody()).isEqualTo("to both");
        bob.send(bob.chat(JidCreate.entityFullFrom("devices@conference.localhost/alice"), "psst"));
        alice.awaitMessage(m -> "psst".equals(m.getBody()));
        phone.awaitMessage(m -> "psst".equals(m.getBody()));

        // One device leaves: Alice is still in, and Bob is not told otherwise.
        Rooms.leave(phone, onPhone);
        bobRoom.sendMessage("still there?");
        assertThat(nextBody(atDesk).getBody()).isEqualTo("still there?");
        aliceSeenOnceBy(bobRoom);
        assertThat(bob.received(Presence.class)).noneMatch(p -> p.getType() == Presence.Type.unavailable
                && String.valueOf(p.getFrom()).equals("devices@conference.localhost/alice"));
    }

    private static void aliceSeenOnceBy(MultiUserChat room) {
        await().atMost(Rooms.WAIT).until(() -> room.getOccupantsCount() == 2);
        assertThat(room.getOccupants()).extracting(Object::toString)
                .containsExactlyInAnyOrder("devices@conference.localhost/alice", "devices@conference.localhost/bob");
    }
}
