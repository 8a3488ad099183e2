package im.parley.it.muc;

import static im.parley.it.muc.Rooms.created;
import static im.parley.it.muc.Rooms.joined;
import static im.parley.it.muc.Rooms.muc;
import static im.parley.it.muc.Rooms.nick;
import static im.parley.it.muc.Rooms.refused;
import static im.parley.it.muc.Rooms.room;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.RoomInfo;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Persistent rooms (XEP-0045 §10.2 muc#roomconfig_persistentroom) with Smack clients: the room,
 * its configuration and its affiliations outlive their occupants and a restart of the server on
 * the same store; a room made temporary again goes when it empties.
 */
class PersistentRoomsTest {
    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob", "carol");

    private static void configure(MultiUserChat room, boolean persistent, boolean membersOnly) throws Exception {
        FillableForm form = room.getConfigurationForm().getFillableForm();
        form.setAnswer("muc#roomconfig_persistentroom", persistent);
        form.setAnswer("muc#roomconfig_membersonly", membersOnly);
        form.setAnswer("muc#roomconfig_roomname", "The hall");
        room.sendConfigurationForm(form);
    }

    private static RoomInfo info(RecordingClient client, String room) throws Exception {
        return MultiUserChatManager.getInstanceFor(client.connection()).getRoomInfo(room(room));
    }

    @Test
    void aPersistentMembersOnlyRoomSurvivesARestartWithItsConfigurationAndAffiliations() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        MultiUserChat aliceRoom = created(alice, "hall");
        configure(aliceRoom, true, true);
        aliceRoom.grantMembership(JidCreate.entityBareFrom("bob@localhost"));
        aliceRoom.banUser(JidCreate.entityBareFrom("carol@localhost"), "no");
        aliceRoom.changeSubject("Plans");
        aliceRoom.leave();
        // Empty, the room stays.
        assertThat(info(alice, "hall").getName()).isEqualTo("The hall");
        alice.close();

        parley.server().restart();

        RecordingClient bob = parley.login("bob", "phone");
        RoomInfo info = info(bob, "hall");
        assertThat(info.getName()).isEqualTo("The hall");
        assertThat(info.isPersistent()).isTrue();
        assertThat(info.isMembersOnly()).isTrue();
        MultiUserChat bobRoom = joined(bob, "hall");
        await().atMost(Rooms.WAIT).until(() -> "Plans".equals(bobRoom.getSubject()));
        RecordingClient carol = parley.login("carol", "laptop");
        refused(Condition.forbidden, () -> muc(carol, "hall").join(nick("carol")));
        RecordingClient aliceAgain = parley.login("alice", "desk");
        MultiUserChat aliceBack = joined(aliceAgain, "hall");
        assertThat(aliceBack.getMembers()).extracting(a -> a.getJid().toString()).containsExactly("bob@localhost");
        assertThat(aliceBack.getOutcasts()).extracting(a -> a.getJid().toString()).containsExactly("carol@localhost");
        assertThat(aliceBack.getOwners()).extracting(a -> a.getJid().toString()).containsExactly("alice@localhost");
    }

    @Test
    void aRoomMadeTemporaryAgainGoesWhenEmptyAndStaysGoneAfterARestart() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        MultiUserChat aliceRoom = created(alice, "passing");
        configure(aliceRoom, true, false);
        Rooms.leave(alice, aliceRoom);
        aliceRoom = joined(alice, "passing");
        configure(aliceRoom, false, false);
        aliceRoom.leave();
        refused(Condition.item_not_found, () -> ServiceDiscoveryManager.getInstanceFor(alice.connection())
                .discoverInfo(room("passing")));
        alice.close();

        parley.server().restart();

        RecordingClient bob = parley.login("bob", "phone");
        refused(Condition.item_not_found, () -> ServiceDiscoveryManager.getInstanceFor(bob.connection())
                .discoverInfo(room("passing")));
        // A temporary room never was stored: entering creates a new one.
        assertThat(muc(bob, "passing").createOrJoin(nick("bob"))).isNotNull();
    }

    @Test
    void aPasswordProtectedRoomChecksItsPasswordAfterARestartWithoutKeepingItInClear() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        MultiUserChat aliceRoom = created(alice, "locked");
        FillableForm form = aliceRoom.getConfigurationForm().getFillableForm();
        form.setAnswer("muc#roomconfig_persistentroom", true);
        form.setAnswer("muc#roomconfig_passwordprotectedroom", true);
        form.setAnswer("muc#roomconfig_roomsecret", "s3cret");
        aliceRoom.sendConfigurationForm(form);
        aliceRoom.leave();
        alice.close();

        parley.server().restart();

        RecordingClient bob = parley.login("bob", "phone");
        refused(Condition.not_authorized, () -> muc(bob, "locked").join(nick("bob"), "wrong"));
        muc(bob, "locked").join(nick("bob"), "s3cret");
        RecordingClient aliceAgain = parley.login("alice", "desk");
        MultiUserChat owner = muc(aliceAgain, "locked");
        owner.join(nick("alice"), "s3cret");
        // Only its hash is known now: the form shows none, and submitted as shown it keeps the password.
        FillableForm shown = owner.getConfigurationForm().getFillableForm();
        assertThat(shown.getField("muc#roomconfig_roomsecret").getFirstValue()).isNullOrEmpty();
        owner.sendConfigurationForm(shown);
        RecordingClient carol = parley.login("carol", "laptop");
        refused(Condition.not_authorized, () -> muc(carol, "locked").join(nick("carol"), ""));
        muc(carol, "locked").join(nick("carol"), "s3cret");
    }
}
