package im.parley.it.muc;

import static im.parley.it.muc.Rooms.WAIT;
import static im.parley.it.muc.Rooms.created;
import static im.parley.it.muc.Rooms.muc;
import static im.parley.it.muc.Rooms.nextBody;
import static im.parley.it.muc.Rooms.nick;
import static im.parley.it.muc.Rooms.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import im.parley.testkit.ServerConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/** Chat rooms (XEP-0045) with Smack clients: create, enter, talk, leave, and the refusals. */
class MultiUserChatTest {
    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob", "carol");
    @Login("alice/desk")
    RecordingClient alice;
    @Login("bob/phone")
    RecordingClient bob;

    @Test
    void anInstantRoomIsCreatedEnteredTalkedInAndLeft() throws Exception {
        MultiUserChat aliceRoom = created(alice, "lobby");
        DiscoverItems items = ServiceDiscoveryManager.getInstanceFor(bob.connection())
                .discoverItems(JidCreate.domainBareFrom("conference.localhost"));
        assertThat(items.getItems()).extracting(i -> i.getEntityID().toString()).containsExactly("lobby@conference.localhost");
        DiscoverInfo service = ServiceDiscoveryManager.getInstanceFor(bob.connection())
                .discoverInfo(JidCreate.domainBareFrom("conference.localhost"));
        assertThat(service.hasIdentity("conference", "text")).isTrue();
        assertThat(service.containsFeature("http://jabber.org/protocol/muc")).isTrue();

        List<Presence> seenByAlice = new CopyOnWriteArrayList<>();
        aliceRoom.addParticipantListener(seenByAlice::add);
        MultiUserChat bobRoom = muc(bob, "lobby");
        bobRoom.join(nick("bob"));
        // Smack's join() returns on the self-presence; its occupant list is updated by another
        // listener, which may not have run yet.
        await().atMost(WAIT).untilAsserted(() -> assertThat(bobRoom.getOccupants()).extracting(Object::toString)
                .containsExactlyInAnyOrder("lobby@conference.localhost/alice", "lobby@conference.localhost/bob"));
        await().atMost(WAIT).until(() -> !seenByAlice.isEmpty());
        // Alice owns the room, so she moderates it and sees Bob's real JID; Bob does not see hers.
        assertThat(String.valueOf(MUCUser.from(seenByAlice.get(0)).getItem().getJid())).isEqualTo("bob@localhost/phone");
        assertThat((Object) bobRoom.getOccupant(JidCreate.entityFullFrom("lobby@conference.localhost/alice")).getJid()).isNull();

        bobRoom.sendMessage("hello room");
        Message atAlice = nextBody(aliceRoom);
        assertThat(atAlice.getBody()).isEqualTo("hello room");
        assertThat(String.valueOf(atAlice.getFrom())).isEqualTo("lobby@conference.localhost/bob");
        assertThat(nextBody(bobRoom).getBody()).isEqualTo("hello room");

        bobRoom.leave();
        await().atMost(WAIT).until(() -> seenByAlice.stream().anyMatch(p -> p.getType() == Presence.Type.unavailable));
        aliceRoom.leave();
        // A temporary room goes with its last occupant.
        assertThat(ServiceDiscoveryManager.getInstanceFor(bob.connection())
                .discoverItems(JidCreate.domainBareFrom("conference.localhost")).getItems()).isEmpty();
    }

    @Test
    void aTakenNickIsAConflictAndALockedRoomIsNotFound() throws Exception {
        MultiUserChat locked = muc(alice, "draft");
        locked.createOrJoin(nick("alice"));
        assertThatThrownBy(() -> muc(bob, "draft").join(nick("bob")))
                .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.item_not_found));
        locked.sendConfigurationForm(locked.getConfigurationForm().getFillableForm());
        assertThatThrownBy(() -> muc(bob, "draft").join(nick("alice")))
                .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.conflict));
        muc(bob, "draft").join(nick("bob"));
    }

    @Test
    void historyOnJoinHonoursMaxStanzasAndCarriesDelayStamps() throws Exception {
        MultiUserChat aliceRoom = created(alice, "history");
        for (int i = 1; i <= 5; i++) {
            aliceRoom.sendMessage("message " + i);
        }
        for (int i = 1; i <= 5; i++) {
            nextBody(aliceRoom);
        }
        MultiUserChat bobRoom = muc(bob, "history");
        bobRoom.join(bobRoom.getEnterConfigurationBuilder(nick("bob")).requestMaxStanzasHistory(2).build());
        Message first = bobRoom.nextMessage(WAIT.toMillis());
        Message second = bobRoom.nextMessage(WAIT.toMillis());
        assertThat(List.of(first.getBody(), second.getBody())).containsExactly("message 4", "message 5");
        assertThat(DelayInformation.from(first).getFrom()).isEqualTo("history@conference.localhost");
        // Then the subject (§7.2.15): none was set, so an empty one from the room itself.
        Message subject = bobRoom.nextMessage(WAIT.toMillis());
        assertThat(subject.getBody()).isNull();
        assertThat(String.valueOf(subject.getFrom())).isEqualTo("history@conference.localhost");
        assertThat(subject.getSubject()).isEmpty();
    }

    @Test
    void occupantsSendPrivateMessagesThroughTheRoom() throws Exception {
        created(alice, "whispers");
        muc(bob, "whispers").join(nick("bob"));
        alice.send(alice.chat(JidCreate.entityFullFrom("whispers@conference.localhost/bob"), "psst"));
        Message atBob = bob.awaitMessage(m -> "psst".equals(m.getBody()));
        assertThat(String.valueOf(atBob.getFrom())).isEqualTo("whispers@conference.localhost/alice");
        assertThat(MUCUser.from(atBob)).isNotNull();
    }

    @Test
    void aNonOccupantCannotTalkInARoom() throws Exception {
        created(alice, "closed");
        bob.send(bob.connection().getStanzaFactory().buildMessageStanza().to(room("closed"))
                .ofType(Message.Type.groupchat).setBody("let me in").build());
        Message error = bob.awaitMessage(m -> m.getType() == Message.Type.error);
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
    }

    @Test
    void aDroppedSessionLeavesTheRoom() throws Exception {
        MultiUserChat aliceRoom = created(alice, "fragile");
        List<Presence> seenByAlice = new CopyOnWriteArrayList<>();
        aliceRoom.addParticipantListener(seenByAlice::add);
        // Without stream management: a resumable session would stay in the room for its resumption window.
        RecordingClient carol = parley.client("carol").resource("laptop").withoutStreamManagement().login();
        muc(carol, "fragile").join(nick("carol"));
        carol.connection().instantShutdown();
        await().atMost(WAIT).until(() -> seenByAlice.stream().anyMatch(p -> p.getType() == Presence.Type.unavailable
                && p.getFrom().toString().equals("fragile@conference.localhost/carol")));
        assertThat(aliceRoom.getOccupants()).extracting(Object::toString).containsExactly("fragile@conference.localhost/alice");
    }

    @Test
    @ServerConfig("muc:\n  limits:\n    rooms-per-user: 1\n    occupants-per-room: 2\n")
    void theLimitsOnRoomsPerUserAndOccupantsPerRoomAreEnforced() throws Exception {
        created(alice, "first");
        assertThatThrownBy(() -> muc(alice, "second").join(nick("alice")))
                .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.not_allowed));
        muc(bob, "first").join(nick("bob"));
        RecordingClient carol = parley.login("carol", "laptop");
        assertThatThrownBy(() -> muc(carol, "first").join(nick("carol")))
                .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.service_unavailable));
    }

    @Test
    @ServerConfig("muc:\n  limits:\n    messages-per-second: 2\n")
    void anOccupantSendingFasterThanTheLimitIsToldToWait() throws Exception {
        MultiUserChat aliceRoom = created(alice, "calm");
        for (int i = 0; i < 10; i++) {
            aliceRoom.sendMessage("burst " + i);
        }
        // Twice the rate at once (4), then about 2 a second: most of a burst of 10 is refused.
        Message refused = alice.awaitMessage(m -> m.getType() == Message.Type.error);
        assertThat(refused.getError().getCondition()).isEqualTo(StanzaError.Condition.resource_constraint);
        assertThat(refused.getError().getType()).isEqualTo(StanzaError.Type.WAIT);
        await().atMost(WAIT).until(() -> alice.received(Message.class).stream()
                .filter(m -> m.getType() == Message.Type.error).count() >= 3);
        Thread.sleep(1000);
        aliceRoom.sendMessage("after a pause");
        await().atMost(WAIT).until(() -> alice.received(Message.class).stream()
                .anyMatch(m -> m.getType() == Message.Type.groupchat && "after a pause".equals(m.getBody())));
        assertThat(alice.received(Message.class).stream()
                .filter(m -> m.getType() == Message.Type.groupchat && m.getBody() != null).count()).isBetween(5L, 8L);
    }

    @Test
    void aNickChangeIsSeenByEveryone() throws Exception {
        MultiUserChat aliceRoom = created(alice, "names");
        MultiUserChat bobRoom = muc(bob, "names");
        bobRoom.join(nick("bob"));
        bobRoom.changeNickname(nick("robert"));
        await().atMost(WAIT).until(() -> aliceRoom.getOccupants().stream().map(Object::toString).toList()
                .contains("names@conference.localhost/robert"));
        assertThat(aliceRoom.getOccupants()).extracting(Object::toString)
                .containsExactlyInAnyOrder("names@conference.localhost/alice", "names@conference.localhost/robert");
    }
}
