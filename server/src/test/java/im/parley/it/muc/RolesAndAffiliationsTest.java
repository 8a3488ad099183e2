package im.parley.it.muc;

import static im.parley.it.muc.Rooms.WAIT;
import static im.parley.it.muc.Rooms.created;
import static im.parley.it.muc.Rooms.joined;
import static im.parley.it.muc.Rooms.muc;
import static im.parley.it.muc.Rooms.nick;
import static im.parley.it.muc.Rooms.refused;
import static im.parley.it.muc.Rooms.room;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RawIq;
import im.parley.testkit.RecordingClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smackx.muc.Affiliate;
import org.jivesoftware.smackx.muc.MUCAffiliation;
import org.jivesoftware.smackx.muc.MUCRole;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.UserStatusListener;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Roles and affiliations (XEP-0045 §5, §8-§10) with Smack clients: kick, voice, moderator status,
 * bans, membership, the admin and owner lists, several changes in one request, and the
 * permission table (each refusal with the error the XEP names).
 */
class RolesAndAffiliationsTest {
    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob", "carol", "dave");
    @Login("alice/desk")
    RecordingClient alice;
    @Login("bob/phone")
    RecordingClient bob;
    RecordingClient carol;
    RecordingClient dave;

    @BeforeEach
    void moreClients() throws Exception {
        carol = parley.login("carol", "laptop");
        dave = parley.login("dave", "tablet");
    }

    private static EntityBareJid user(String name) throws Exception {
        return JidCreate.entityBareFrom(name + "@localhost");
    }

    private static List<String> jids(List<Affiliate> affiliates) {
        return affiliates.stream().map(a -> a.getJid().toString()).sorted().toList();
    }

    /** Waits until the client's view of the room shows the occupant with this role (Smack updates it on its own thread). */
    private static void awaitRole(MultiUserChat seenBy, String nick, MUCRole role) throws Exception {
        var occupantJid = JidCreate.entityFullFrom(seenBy.getRoom() + "/" + nick);
        await().atMost(WAIT).until(() -> seenBy.getOccupant(occupantJid) != null
                && seenBy.getOccupant(occupantJid).getRole() == role);
    }

    @Test
    void aKickedOccupantLearnsWhoKickedThemAndWhyAndTheOthersSee307() throws Exception {
        MultiUserChat aliceRoom = created(alice, "kicks");
        MultiUserChat bobRoom = joined(bob, "kicks");
        MultiUserChat carolRoom = joined(carol, "kicks");
        AtomicReference<String> kicked = new AtomicReference<>();
        bobRoom.addUserStatusListener(new UserStatusListener() {
            @Override
            public void kicked(Jid actor, String reason) {
                kicked.set(reason);
            }
        });
        List<Presence> seenByCarol = new CopyOnWriteArrayList<>();
        carolRoom.addParticipantListener(seenByCarol::add);

        aliceRoom.kickParticipant(nick("bob"), "too loud");

        await().atMost(WAIT).until(() -> "too loud".equals(kicked.get()));
        await().atMost(WAIT).until(() -> seenByCarol.stream().anyMatch(p -> p.getType() == Presence.Type.unavailable
                && MUCUser.from(p).getStatus().contains(MUCUser.Status.KICKED_307)));
        assertThat(aliceRoom.getOccupants()).extracting(Object::toString)
                .containsExactlyInAnyOrder("kicks@conference.localhost/alice", "kicks@conference.localhost/carol");
        // Kicked is not banned: Bob comes back.
        muc(bob, "kicks").join(nick("bob"));
    }

    /** Alice's new moderated room, where those without affiliation enter as visitors. */
    private MultiUserChat moderated(String name) throws Exception {
        MultiUserChat room = muc(alice, name);
        room.create(nick("alice")).getConfigFormManager().makeModerated().submitConfigurationForm();
        return room;
    }

    @Test
    void inAModeratedRoomVisitorsSpeakOnlyOnceGrantedVoice() throws Exception {
        MultiUserChat aliceRoom = moderated("stage");
        MultiUserChat bobRoom = joined(bob, "stage");
        awaitRole(bobRoom, "bob", MUCRole.visitor);
        bobRoom.sendMessage("may I?");
        Message error = bob.awaitMessage(m -> m.getType() == Message.Type.error);
        assertThat(error.getError().getCondition()).isEqualTo(Condition.forbidden);

        aliceRoom.grantVoice(nick("bob"));
        awaitRole(bobRoom, "bob", MUCRole.participant);
        bobRoom.sendMessage("thank you");
        assertThat(Rooms.nextBody(aliceRoom).getBody()).isEqualTo("thank you");
        assertThat(aliceRoom.getParticipants()).extracting(o -> o.getNick().toString()).containsExactly("bob");

        aliceRoom.revokeVoice(nick("bob"));
        awaitRole(bobRoom, "bob", MUCRole.visitor);
    }

    @Test
    void aVisitorAsksForVoiceAndTheModeratorsAnswerGrantsIt() throws Exception {
        MultiUserChat aliceRoom = moderated("hands");
        MultiUserChat bobRoom = joined(bob, "hands");
        awaitRole(bobRoom, "bob", MUCRole.visitor);

        bobRoom.requestVoice();

        Message request = alice.awaitMessage(m -> DataForm.from(m) != null);
        DataForm asked = DataForm.from(request);
        assertThat(asked.getFormType()).isEqualTo("http://jabber.org/protocol/muc#request");
        assertThat(asked.getField("muc#roomnick").getFirstValue()).isEqualTo("bob");
        assertThat(asked.getField("muc#jid").getFirstValue()).isEqualTo("bob@localhost/phone");
        DataForm allow = DataForm.builder(DataForm.Type.submit)
                .addField(FormField.buildHiddenFormType("http://jabber.org/protocol/muc#request"))
                .addField(FormField.textSingleBuilder("muc#roomnick").setValue("bob").build())
                .addField(FormField.booleanBuilder("muc#request_allow").setValue(true).build()).build();
        alice.send(alice.connection().getStanzaFactory().buildMessageStanza().to(room("hands")).addExtension(allow).build());
        awaitRole(bobRoom, "bob", MUCRole.participant);
        // Only a visitor asks.
        bobRoom.requestVoice();
        Message refusal = bob.awaitMessage(m -> m.getType() == Message.Type.error);
        assertThat(refusal.getError().getCondition()).isEqualTo(Condition.not_acceptable);
    }

    @Test
    void aBannedUserIsRemovedWith301AndCannotComeBackUntilTheBanIsLifted() throws Exception {
        MultiUserChat aliceRoom = created(alice, "bans");
        MultiUserChat bobRoom = joined(bob, "bans");
        AtomicReference<String> banned = new AtomicReference<>();
        bobRoom.addUserStatusListener(new UserStatusListener() {
            @Override
            public void banned(Jid actor, String reason) {
                banned.set(reason);
            }
        });

        aliceRoom.banUser(user("bob"), "spam");

        await().atMost(WAIT).until(() -> "spam".equals(banned.get()));
        assertThat(aliceRoom.getOutcasts()).extracting(a -> a.getJid().toString()).containsExactly("bob@localhost");
        refused(Condition.forbidden, () -> muc(bob, "bans").join(nick("bob")));
        aliceRoom.revokeMembership(user("bob"));
        assertThat(aliceRoom.getOutcasts()).isEmpty();
        muc(bob, "bans").join(nick("bob"));
    }

    @Test
    void membersAdminsAndOwnersAreListedAndTheirOccupantsSeeTheChange() throws Exception {
        MultiUserChat aliceRoom = created(alice, "lists");
        MultiUserChat bobRoom = joined(bob, "lists");
        // Several changes in one request.
        aliceRoom.grantMembership(List.of(user("bob"), user("carol")));
        assertThat(jids(aliceRoom.getMembers())).containsExactly("bob@localhost", "carol@localhost");
        await().atMost(WAIT).until(() -> bobRoom.getOccupant(JidCreate.entityFullFrom("lists@conference.localhost/bob"))
                .getAffiliation() == MUCAffiliation.member);

        aliceRoom.grantAdmin(user("bob"));
        awaitRole(bobRoom, "bob", MUCRole.moderator);
        assertThat(jids(aliceRoom.getAdmins())).containsExactly("bob@localhost");
        assertThat(jids(aliceRoom.getMembers())).containsExactly("carol@localhost");
        // An admin moderates: the moderator list has both.
        assertThat(bobRoom.getModerators()).extracting(o -> o.getNick().toString()).containsExactlyInAnyOrder("alice", "bob");

        aliceRoom.grantOwnership(user("bob"));
        assertThat(jids(aliceRoom.getOwners())).containsExactly("alice@localhost", "bob@localhost");
        // With another owner, Alice may step down (to admin); Bob then owns the room alone.
        aliceRoom.revokeOwnership(user("alice"));
        assertThat(jids(bobRoom.getOwners())).containsExactly("bob@localhost");
        assertThat(jids(bobRoom.getAdmins())).containsExactly("alice@localhost");
        refused(Condition.forbidden, aliceRoom::getOwners);
    }

    @Test
    void aRequestWithOneRefusedChangeChangesNothing() throws Exception {
        MultiUserChat aliceRoom = created(alice, "atomic");
        aliceRoom.grantAdmin(user("bob"));
        // Bob, an admin, may make Carol a member but not ban Alice, an owner: neither happens.
        IQ both = new RawIq(IQ.Type.set, room("atomic"), "query", "http://jabber.org/protocol/muc#admin",
                "<item affiliation='member' jid='carol@localhost'/><item affiliation='outcast' jid='alice@localhost'/>");
        refused(Condition.not_allowed, () -> bob.request(both));
        assertThat(aliceRoom.getMembers()).isEmpty();
        assertThat(jids(aliceRoom.getOwners())).containsExactly("alice@localhost");
        // The last owner cannot go, even with other changes beside it.
        IQ lastOwner = new RawIq(IQ.Type.set, room("atomic"), "query", "http://jabber.org/protocol/muc#admin",
                "<item affiliation='member' jid='carol@localhost'/><item affiliation='admin' jid='alice@localhost'/>");
        refused(Condition.conflict, () -> alice.request(lastOwner));
        assertThat(aliceRoom.getMembers()).isEmpty();
        refused(Condition.conflict, () -> aliceRoom.revokeOwnership(user("alice")));
        refused(Condition.bad_request, () -> alice.request(new RawIq(IQ.Type.set, room("atomic"), "query",
                "http://jabber.org/protocol/muc#admin", "<item affiliation='lord' jid='carol@localhost'/>")));
        // One item changes a role or an affiliation, never both (§18).
        refused(Condition.bad_request, () -> alice.request(new RawIq(IQ.Type.set, room("atomic"), "query",
                "http://jabber.org/protocol/muc#admin", "<item affiliation='member' role='participant' jid='carol@localhost'/>")));
    }

    /**
     * The permission table: an owner (Alice), an admin (Bob), a member Alice made moderator
     * (Carol) and a participant without affiliation (Dave) each try what they may not do.
     */
    @Test
    void eachAffiliationAndRoleIsRefusedWhatItMayNotDo() throws Exception {
        MultiUserChat aliceRoom = created(alice, "table");
        aliceRoom.grantAdmin(user("bob"));
        aliceRoom.grantMembership(user("carol"));
        MultiUserChat bobRoom = joined(bob, "table");
        MultiUserChat carolRoom = joined(carol, "table");
        MultiUserChat daveRoom = joined(dave, "table");
        aliceRoom.grantModerator(nick("carol"));
        awaitRole(carolRoom, "carol", MUCRole.moderator);

        // A participant has no moderator privileges at all: forbidden.
        refused(Condition.forbidden, () -> daveRoom.kickParticipant(nick("carol"), null));
        refused(Condition.forbidden, () -> daveRoom.revokeVoice(nick("carol")));
        refused(Condition.forbidden, () -> daveRoom.getParticipants());
        // A moderator who is a member: no one of a higher affiliation (not-allowed), no admin privileges (forbidden).
        refused(Condition.not_allowed, () -> carolRoom.kickParticipant(nick("bob"), null));
        refused(Condition.not_allowed, () -> carolRoom.kickParticipant(nick("alice"), null));
        refused(Condition.not_allowed, () -> carolRoom.revokeVoice(nick("alice")));
        refused(Condition.forbidden, () -> carolRoom.grantModerator(nick("dave")));
        refused(Condition.forbidden, () -> carolRoom.grantMembership(user("dave")));
        refused(Condition.forbidden, () -> carolRoom.banUser(user("dave"), null));
        refused(Condition.forbidden, carolRoom::getMembers);
        // An admin: never an owner or another admin, not the admin and owner lists, not itself.
        refused(Condition.not_allowed, () -> bobRoom.banUser(user("alice"), null));
        refused(Condition.not_allowed, () -> bobRoom.revokeModerator(nick("alice")));
        refused(Condition.not_allowed, () -> bobRoom.revokeVoice(nick("alice")));
        refused(Condition.forbidden, () -> bobRoom.grantAdmin(user("dave")));
        refused(Condition.forbidden, () -> bobRoom.revokeMembership(user("alice")));
        refused(Condition.forbidden, () -> bobRoom.grantOwnership(user("dave")));
        refused(Condition.forbidden, bobRoom::getOwners);
        refused(Condition.forbidden, bobRoom::getAdmins);
        refused(Condition.conflict, () -> bobRoom.banUser(user("bob"), null));
        // An owner: every admin privilege, but not admin or owner status for an admin's voice.
        refused(Condition.not_allowed, () -> aliceRoom.revokeVoice(nick("bob")));
        refused(Condition.item_not_found, () -> aliceRoom.kickParticipant(nick("nobody"), null));

        // And what each may do.
        carolRoom.kickParticipant(nick("dave"), "out");
        bobRoom.revokeModerator(nick("carol"));
        awaitRole(carolRoom, "carol", MUCRole.participant);
        bobRoom.banUser(user("carol"), null);
        bobRoom.grantMembership(user("dave"));
        assertThat(jids(bobRoom.getMembers())).containsExactly("dave@localhost");
        assertThat(jids(bobRoom.getOutcasts())).containsExactly("carol@localhost");
        aliceRoom.revokeAdmin(user("bob"));
        awaitRole(bobRoom, "bob", MUCRole.participant);
        assertThat(aliceRoom.getAdmins()).isEmpty();
    }
}
