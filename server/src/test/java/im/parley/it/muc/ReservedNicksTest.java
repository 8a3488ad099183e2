package im.parley.it.muc;

import static im.parley.it.muc.Rooms.created;
import static im.parley.it.muc.Rooms.muc;
import static im.parley.it.muc.Rooms.nick;
import static im.parley.it.muc.Rooms.refused;
import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jivesoftware.smackx.xdata.form.Form;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reserved nicks (XEP-0045 §7.10 registering with a room, §7.12 discovering one's reserved nick)
 * with Smack's MultiUserChat: a registered user becomes a member and no one else enters, changes
 * to or registers the nick; the reservation outlives a restart of a persistent room and goes with
 * the membership.
 */
class ReservedNicksTest {
    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob", "carol");

    private static void register(MultiUserChat room, String nick) throws Exception {
        Form form = room.getRegistrationForm();
        FillableForm filled = form.getFillableForm();
        filled.setAnswer("muc#register_roomnick", nick);
        room.sendRegistrationForm(filled);
    }

    private static void persistent(MultiUserChat room, boolean membersOnly) throws Exception {
        FillableForm form = room.getConfigurationForm().getFillableForm();
        form.setAnswer("muc#roomconfig_persistentroom", true);
        form.setAnswer("muc#roomconfig_membersonly", membersOnly);
        room.sendConfigurationForm(form);
    }

    @Test
    void aRegisteredNickIsAMembersOwnAndSurvivesARestart() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        MultiUserChat aliceRoom = created(alice, "club");
        persistent(aliceRoom, false);
        RecordingClient bob = parley.login("bob", "phone");
        MultiUserChat bobRoom = muc(bob, "club");
        assertThat(bobRoom.getReservedNickname()).isNull();
        register(bobRoom, "robert");
        assertThat(bobRoom.getReservedNickname()).isEqualTo("robert");
        assertThat(aliceRoom.getMembers()).extracting(a -> a.getJid().toString()).containsExactly("bob@localhost");

        RecordingClient carol = parley.login("carol", "laptop");
        MultiUserChat carolRoom = muc(carol, "club");
        refused(Condition.conflict, () -> carolRoom.join(nick("robert")));
        refused(Condition.conflict, () -> register(carolRoom, "robert"));
        carolRoom.join(nick("carol"));
        refused(Condition.conflict, () -> carolRoom.changeNickname(nick("robert")));
        bobRoom.join(nick("robert"));
        alice.close();
        bob.close();
        carol.close();

        parley.server().restart();

        RecordingClient carolAgain = parley.login("carol", "laptop");
        refused(Condition.conflict, () -> muc(carolAgain, "club").join(nick("robert")));
        RecordingClient bobAgain = parley.login("bob", "phone");
        assertThat(muc(bobAgain, "club").getReservedNickname()).isEqualTo("robert");
        // No longer a member, bob has no nick reserved there.
        RecordingClient aliceAgain = parley.login("alice", "desk");
        MultiUserChat owner = muc(aliceAgain, "club");
        owner.join(nick("alice"));
        owner.revokeMembership(RecordingClient.jid("bob").asEntityBareJidIfPossible());
        assertThat(muc(bobAgain, "club").getReservedNickname()).isNull();
        muc(carolAgain, "club").join(nick("robert"));
    }

    @Test
    void onlyMembersRegisterWithAMembersOnlyRoomAndOutcastsNowhere() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        MultiUserChat aliceRoom = created(alice, "inner");
        persistent(aliceRoom, true);
        aliceRoom.grantMembership(RecordingClient.jid("bob").asEntityBareJidIfPossible());
        RecordingClient carol = parley.login("carol", "laptop");
        refused(Condition.not_allowed, () -> muc(carol, "inner").getRegistrationForm());
        RecordingClient bob = parley.login("bob", "phone");
        register(muc(bob, "inner"), "robert");
        assertThat(muc(bob, "inner").getReservedNickname()).isEqualTo("robert");
        aliceRoom.banUser(RecordingClient.jid("bob").asEntityBareJidIfPossible(), "gone");
        refused(Condition.not_allowed, () -> muc(bob, "inner").getRegistrationForm());
    }
}
