package im.parley.it.muc;

import static im.parley.it.muc.Rooms.WAIT;
import static im.parley.it.muc.Rooms.created;
import static im.parley.it.muc.Rooms.joined;
import static im.parley.it.muc.Rooms.muc;
import static im.parley.it.muc.Rooms.nextBody;
import static im.parley.it.muc.Rooms.nick;
import static im.parley.it.muc.Rooms.refused;
import static im.parley.it.muc.Rooms.room;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.RoomInfo;
import org.jivesoftware.smackx.muc.UserStatusListener;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/** The room configuration form (XEP-0045 §10.2, muc#roomconfig) with Smack clients: each field and what it enforces. */
class RoomConfigurationTest {
    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob", "carol");
    @Login("alice/desk")
    RecordingClient alice;
    @Login("bob/phone")
    RecordingClient bob;
    RecordingClient carol;

    @BeforeEach
    void carol() throws Exception {
        carol = parley.login("carol", "laptop");
    }

    /** Alice fills in the room's configuration form with {@code answers} and submits it. */
    private static void configure(MultiUserChat room, Consumer<FillableForm> answers) throws Exception {
        FillableForm form = room.getConfigurationForm().getFillableForm();
        answers.accept(form);
        room.sendConfigurationForm(form);
    }

    private static MultiUserChat configured(RecordingClient owner, String name, Consumer<FillableForm> answers)
            throws Exception {
        MultiUserChat room = created(owner, name);
        configure(room, answers);
        return room;
    }

    @Test
    void aMembersOnlyRoomLetsInMembersOnlyAndRemovesThoseWhoStopBeingOne() throws Exception {
        MultiUserChat aliceRoom = configured(alice, "club", f -> f.setAnswer("muc#roomconfig_membersonly", true));
        refused(Condition.registration_required, () -> muc(bob, "club").join(nick("bob")));
        aliceRoom.grantMembership(JidCreate.entityBareFrom("bob@localhost"));
        MultiUserChat bobRoom = joined(bob, "club");
        AtomicBoolean revoked = new AtomicBoolean();
        bobRoom.addUserStatusListener(new UserStatusListener() {
            @Override
            public void membershipRevoked() {
                revoked.set(true);
            }
        });
        List<Presence> seenByAlice = new CopyOnWriteArrayList<>();
        aliceRoom.addParticipantListener(seenByAlice::add);

        aliceRoom.revokeMembership(JidCreate.entityBareFrom("bob@localhost"));

        await().atMost(WAIT).until(revoked::get);
        await().atMost(WAIT).until(() -> seenByAlice.stream().anyMatch(p -> p.getType() == Presence.Type.unavailable
                && MUCUser.from(p).getStatus().contains(MUCUser.Status.REMOVED_AFFIL_CHANGE_321)));
    }

    @Test
    void turningARoomMembersOnlyRemovesTheNonMembersWith322() throws Exception {
        MultiUserChat aliceRoom = created(alice, "closing");
        joined(bob, "closing");
        configure(aliceRoom, f -> f.setAnswer("muc#roomconfig_membersonly", true));
        Presence gone = (Presence) bob.await(s -> s instanceof Presence p && p.getType() == Presence.Type.unavailable
                && p.getFrom().toString().equals("closing@conference.localhost/bob"));
        assertThat(MUCUser.from(gone).getStatus()).contains(MUCUser.Status.create(322), MUCUser.Status.create(110));
    }

    @Test
    void aPasswordProtectedRoomWantsItsPassword() throws Exception {
        configured(alice, "secret", f -> {
            f.setAnswer("muc#roomconfig_passwordprotectedroom", true);
            f.setAnswer("muc#roomconfig_roomsecret", "swordfish");
        });
        refused(Condition.not_authorized, () -> muc(bob, "secret").join(nick("bob")));
        refused(Condition.not_authorized, () -> muc(bob, "secret").join(nick("bob"), "herring"));
        muc(bob, "secret").join(nick("bob"), "swordfish");
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(carol.connection()).discoverInfo(room("secret"));
        assertThat(info.containsFeature("muc_passwordprotected")).isTrue();
    }

    @Test
    void aFullRoomRefusesEveryoneButItsOwnersAndAdmins() throws Exception {
        MultiUserChat aliceRoom = configured(alice, "small", f -> f.setAnswer("muc#roomconfig_maxusers", "2"));
        joined(bob, "small");
        refused(Condition.service_unavailable, () -> muc(carol, "small").join(nick("carol")));
        aliceRoom.grantAdmin(JidCreate.entityBareFrom("carol@localhost"));
        joined(carol, "small");
        await().atMost(WAIT).until(() -> aliceRoom.getOccupantsCount() == 3);
    }

    @Test
    void whoisDecidesWhoSeesRealJidsAndOccupantsAreToldOfTheChange() throws Exception {
        MultiUserChat aliceRoom = configured(alice, "open", f -> f.setAnswer("muc#roomconfig_whois", "anyone"));
        MultiUserChat bobRoom = muc(bob, "open");
        Presence own = bobRoom.join(nick("bob"));
        assertThat(MUCUser.from(own).getStatus()).contains(MUCUser.Status.create(100), MUCUser.Status.create(110));
        assertThat(String.valueOf(bobRoom.getOccupant(JidCreate.entityFullFrom("open@conference.localhost/alice")).getJid()))
                .isEqualTo("alice@localhost/desk");

        configure(aliceRoom, f -> f.setAnswer("muc#roomconfig_whois", "moderators"));
        Message notice = bob.awaitMessage(m -> MUCUser.from(m) != null && !MUCUser.from(m).getStatus().isEmpty());
        assertThat(MUCUser.from(notice).getStatus()).containsExactly(MUCUser.Status.create(173));
        configure(aliceRoom, f -> f.setAnswer("muc#roomconfig_roomname", "Open room"));
        bob.awaitMessage(m -> MUCUser.from(m) != null && MUCUser.from(m).getStatus().contains(MUCUser.Status.create(104)));
    }

    @Test
    void subjectPrivateMessagesAndHistoryFollowTheConfiguration() throws Exception {
        MultiUserChat aliceRoom = created(alice, "rules");
        MultiUserChat bobRoom = joined(bob, "rules");
        refused(Condition.forbidden, () -> bobRoom.changeSubject("mine"));
        configure(aliceRoom, f -> {
            f.setAnswer("muc#roomconfig_changesubject", true);
            f.setAnswer("muc#roomconfig_allowpm", "moderators");
            f.setAnswer("muc#maxhistoryfetch", "1");
        });
        bobRoom.changeSubject("mine");

        bob.send(bob.chat(JidCreate.entityFullFrom("rules@conference.localhost/alice"), "psst"));
        Message refusal = bob.awaitMessage(m -> m.getType() == Message.Type.error);
        assertThat(refusal.getError().getCondition()).isEqualTo(Condition.forbidden);
        alice.send(alice.chat(JidCreate.entityFullFrom("rules@conference.localhost/bob"), "psst"));
        bob.awaitMessage(m -> "psst".equals(m.getBody()));

        aliceRoom.sendMessage("one");
        aliceRoom.sendMessage("two");
        nextBody(bobRoom);
        nextBody(bobRoom);
        MultiUserChat carolRoom = joined(carol, "rules");
        Message history = carolRoom.nextMessage(WAIT.toMillis());
        assertThat(history.getBody()).isEqualTo("two");
        assertThat(carolRoom.nextMessage(WAIT.toMillis()).getSubject()).isEqualTo("mine");
    }

    @Test
    void presenceIsBroadcastForTheConfiguredRolesOnly() throws Exception {
        MultiUserChat aliceRoom = configured(alice, "quiet",
                f -> f.setAnswer("muc#roomconfig_presencebroadcast", List.of("moderator")));
        MultiUserChat bobRoom = joined(bob, "quiet");
        // Bob sees Alice (a moderator) and himself; Carol, a participant, is not shown to him.
        joined(carol, "quiet");
        aliceRoom.sendMessage("after carol");
        assertThat(nextBody(bobRoom).getBody()).isEqualTo("after carol");
        assertThat(bobRoom.getOccupants()).extracting(Object::toString)
                .containsExactlyInAnyOrder("quiet@conference.localhost/alice", "quiet@conference.localhost/bob");
        assertThat(bob.received(Presence.class)).noneMatch(p -> p.getFrom().toString().equals("quiet@conference.localhost/carol"));
    }

    @Test
    void aReservedRoomIsConfiguredBeforeAnyoneElseEntersAndAHiddenOneIsNotListed() throws Exception {
        MultiUserChat aliceRoom = muc(alice, "reserved");
        aliceRoom.create(nick("alice"));
        refused(Condition.item_not_found, () -> muc(bob, "reserved").join(nick("bob")));
        configure(aliceRoom, f -> {
            f.setAnswer("muc#roomconfig_roomname", "Reserved");
            f.setAnswer("muc#roomconfig_publicroom", false);
            f.setAnswer("muc#roomconfig_moderatedroom", true);
            f.setAnswer("muc#roomconfig_roomowners", List.of("alice@localhost", "bob@localhost"));
        });
        RoomInfo info = MultiUserChatManager.getInstanceFor(bob.connection()).getRoomInfo(room("reserved"));
        assertThat(info.getName()).isEqualTo("Reserved");
        assertThat(info.isModerated()).isTrue();
        assertThat(ServiceDiscoveryManager.getInstanceFor(bob.connection())
                .discoverItems(JidCreate.domainBareFrom("conference.localhost")).getItems()).isEmpty();
        assertThat(aliceRoom.getOwners()).extracting(a -> a.getJid().toString())
                .containsExactlyInAnyOrder("alice@localhost", "bob@localhost");
        // A form that would leave the room without an owner is refused.
        refused(Condition.conflict, () -> configure(aliceRoom, f -> f.setAnswer("muc#roomconfig_roomowners", List.of())));
    }
}
