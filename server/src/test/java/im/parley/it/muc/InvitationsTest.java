package im.parley.it.muc;

import static im.parley.it.muc.Rooms.WAIT;
import static im.parley.it.muc.Rooms.created;
import static im.parley.it.muc.Rooms.nick;
import static im.parley.it.muc.Rooms.room;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smackx.muc.DirectMucInvitationManager;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/** Mediated invitations and declines (XEP-0045 §7.8.2) with Smack clients, and who may invite (muc#roomconfig_allowinvites). */
class InvitationsTest {
    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob", "carol");
    @Login("alice/desk")
    RecordingClient alice;
    @Login("bob/phone")
    RecordingClient bob;

    /** What a client was invited to: the room, the inviter's JID, the reason, the password. */
    private static List<List<String>> invitations(RecordingClient client) {
        List<List<String>> received = new CopyOnWriteArrayList<>();
        MultiUserChatManager.getInstanceFor(client.connection()).addInvitationListener(
                (connection, room, inviter, reason, password, message, invitation) -> received.add(
                        List.of(room.getRoom().toString(), inviter.toString(), reason, String.valueOf(password))));
        return received;
    }

    private static MultiUserChat configured(RecordingClient owner, String name, boolean allowInvites) throws Exception {
        MultiUserChat room = created(owner, name);
        FillableForm form = room.getConfigurationForm().getFillableForm();
        form.setAnswer("muc#roomconfig_membersonly", true);
        form.setAnswer("muc#roomconfig_allowinvites", allowInvites);
        form.setAnswer("muc#roomconfig_passwordprotectedroom", true);
        form.setAnswer("muc#roomconfig_roomsecret", "open sesame");
        room.sendConfigurationForm(form);
        return room;
    }

    /** The owner makes the client a member, which then enters with the room's password. */
    private static MultiUserChat memberEnters(MultiUserChat ownersRoom, RecordingClient member) throws Exception {
        ownersRoom.grantMembership(member.jid().asEntityBareJid());
        MultiUserChat room = Rooms.muc(member, ownersRoom.getRoom().getLocalpart().toString());
        room.join(nick(member.jid().getLocalpart().toString()), "open sesame");
        return room;
    }

    @Test
    void anInvitationFromAnAdminMakesTheInviteeAMemberAndCarriesThePassword() throws Exception {
        MultiUserChat aliceRoom = configured(alice, "club", false);
        MultiUserChat bobRoom = memberEnters(aliceRoom, bob);
        RecordingClient carol = parley.login("carol", "laptop");
        List<List<String>> carolsInvitations = invitations(carol);

        // A member may not invite unless the room allows it.
        bobRoom.invite(JidCreate.entityBareFrom("carol@localhost"), "join us");
        Message refusal = bob.awaitMessage(m -> m.getType() == Message.Type.error);
        assertThat(refusal.getError().getCondition()).isEqualTo(Condition.forbidden);

        aliceRoom.invite(JidCreate.entityBareFrom("carol@localhost"), "join us");
        await().atMost(WAIT).until(() -> !carolsInvitations.isEmpty());
        assertThat(carolsInvitations.get(0)).containsExactly("club@conference.localhost", "alice@localhost/desk",
                "join us", "open sesame");
        assertThat(aliceRoom.getMembers()).extracting(a -> a.getJid().toString())
                .containsExactlyInAnyOrder("bob@localhost", "carol@localhost");
        Rooms.muc(carol, "club").join(nick("carol"), "open sesame");
    }

    @Test
    void aMemberInvitesWhenTheRoomAllowsItAndTheDeclineReachesTheInviter() throws Exception {
        MultiUserChat aliceRoom = configured(alice, "open-house", true);
        MultiUserChat bobRoom = memberEnters(aliceRoom, bob);
        List<String> declines = new CopyOnWriteArrayList<>();
        bobRoom.addInvitationRejectionListener((invitee, reason, message, rejection) -> declines.add(invitee + " " + reason));
        RecordingClient carol = parley.login("carol", "laptop");
        List<List<String>> carolsInvitations = invitations(carol);

        bobRoom.invite(JidCreate.entityBareFrom("carol@localhost"), "come");
        await().atMost(WAIT).until(() -> !carolsInvitations.isEmpty());
        assertThat(carolsInvitations.get(0).get(1)).isEqualTo("bob@localhost/phone");
        MultiUserChatManager.getInstanceFor(carol.connection()).decline(room("open-house"),
                JidCreate.entityBareFrom("bob@localhost"), "busy");

        await().atMost(WAIT).until(() -> !declines.isEmpty());
        assertThat(declines).containsExactly("carol@localhost busy");
    }

    @Test
    void aDirectInvitationPassesThroughTheServerAsItWasSent() throws Exception {
        MultiUserChat aliceRoom = configured(alice, "direct", true);
        List<String> received = new CopyOnWriteArrayList<>();
        RecordingClient carol = parley.login("carol", "laptop");
        DirectMucInvitationManager.getInstanceFor(carol.connection()).addInvitationListener((invitation, stanza) ->
                received.add(invitation.getRoomAddress() + " " + invitation.getPassword() + " " + invitation.getReason()
                        + " from " + stanza.getFrom()));
        // XEP-0249: from Alice to Carol, no room in between; the room's password travels in the invitation.
        DirectMucInvitationManager.getInstanceFor(alice.connection()).inviteToMuc(aliceRoom,
                JidCreate.entityBareFrom("carol@localhost"), "open sesame", "come", false, null);
        await().atMost(WAIT).until(() -> !received.isEmpty());
        assertThat(received).containsExactly("direct@conference.localhost open sesame come from alice@localhost/desk");
    }

    @Test
    void aNonOccupantCannotInvite() throws Exception {
        created(alice, "lobby");
        Rooms.muc(bob, "lobby").invite(JidCreate.entityBareFrom("carol@localhost"), "psst");
        Message refusal = bob.awaitMessage(m -> m.getType() == Message.Type.error);
        assertThat(refusal.getError().getCondition()).isEqualTo(Condition.not_acceptable);
        assertThat(MUCUser.from(refusal)).isNotNull();
    }
}
