package im.parley.it.muc;

import static im.parley.it.muc.Rooms.created;
import static im.parley.it.muc.Rooms.joined;
import static im.parley.it.muc.Rooms.muc;
import static im.parley.it.muc.Rooms.nextBody;
import static im.parley.it.muc.Rooms.nick;
import static im.parley.it.muc.Rooms.refused;
import static im.parley.it.muc.Rooms.room;
import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RawIq;
import im.parley.testkit.RecordingClient;
import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.MamManager.MamQuery;
import org.jivesoftware.smackx.mam.MamManager.MamQueryArgs;
import org.jivesoftware.smackx.mam.element.MamElements.MamResultExtension;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A room's archive (XEP-0313 at the room's JID, kept while muc#roomconfig_enablelogging is on)
 * with Smack's MamManager: each message once, under the stanza-id (XEP-0359) every occupant got;
 * the 170 and 171 warnings (XEP-0045 §7.2.12, §10.2.1); who may read it; real JIDs only for those
 * who may see them; a member catching up on what it missed; the archive after a restart.
 */
class RoomArchiveTest {
    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob", "carol");

    static void configure(MultiUserChat room, boolean logging, boolean membersOnly, boolean persistent) throws Exception {
        FillableForm form = room.getConfigurationForm().getFillableForm();
        form.setAnswer("muc#roomconfig_enablelogging", logging);
        form.setAnswer("muc#roomconfig_membersonly", membersOnly);
        form.setAnswer("muc#roomconfig_persistentroom", persistent);
        room.sendConfigurationForm(form);
    }

    /** Smack's MamManager learns the archive's MAM version from its disco#info only in isSupported(). */
    static MamQuery archive(MultiUserChat room, MamQueryArgs args) throws Exception {
        MamManager mam = MamManager.getInstanceFor(room);
        assertThat(mam.isSupported()).as("urn:xmpp:mam:2 at %s", room.getRoom()).isTrue();
        return mam.queryArchive(args);
    }

    static List<String> bodies(MamQuery query) {
        return query.getMessages().stream().map(Message::getBody).filter(b -> b != null).toList();
    }

    static String roomStanzaId(Message message) {
        StanzaIdElement id = message.getExtension(StanzaIdElement.class);
        assertThat(id).as("stanza-id on %s", message).isNotNull();
        assertThat(id.getBy()).isEqualTo(message.getFrom().asBareJid().toString());
        return id.getId();
    }

    private static boolean hasStatus(Message message, int code) {
        MUCUser x = MUCUser.from(message);
        return x != null && x.getStatus().contains(MUCUser.Status.create(code));
    }

    @Test
    void aLoggedRoomArchivesEachMessageOnceUnderTheStanzaIdEveryOccupantGot() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        RecordingClient bob = parley.login("bob", "phone");
        MultiUserChat aliceRoom = created(alice, "logged");
        configure(aliceRoom, true, false, false);
        MultiUserChat bobRoom = muc(bob, "logged");
        Presence entered = bobRoom.join(nick("bob"));
        assertThat(MUCUser.from(entered).getStatus()).contains(MUCUser.Status.create(170));
        assertThat(ServiceDiscoveryManager.getInstanceFor(bob.connection()).discoverInfo(room("logged"))
                .containsFeature("urn:xmpp:mam:2")).isTrue();

        List<String> sent = List.of("one", "two", "three");
        List<String> idsAliceGot = new ArrayList<>();
        List<String> idsBobGot = new ArrayList<>();
        for (String body : sent) {
            aliceRoom.sendMessage(body);
            idsAliceGot.add(roomStanzaId(nextBody(aliceRoom)));
            idsBobGot.add(roomStanzaId(nextBody(bobRoom)));
        }
        assertThat(idsBobGot).isEqualTo(idsAliceGot).doesNotHaveDuplicates();
        aliceRoom.changeSubject("archived too");

        MamQuery all = archive(bobRoom, MamQueryArgs.builder().build());
        assertThat(bodies(all)).containsExactlyElementsOf(sent);
        assertThat(all.getMessages()).hasSize(4);
        assertThat(all.getMessages().get(3).getSubject()).isEqualTo("archived too");
        assertThat(all.getMamResultExtensions().subList(0, 3)).extracting(MamResultExtension::getId)
                .containsExactlyElementsOf(idsAliceGot);
        assertThat(all.getMessages()).allSatisfy(m -> assertThat(m.getFrom().toString()).isEqualTo("logged@conference.localhost/alice"));
        // Paging from the first message's id: the rest.
        assertThat(bodies(archive(bobRoom, MamQueryArgs.builder().afterUid(idsAliceGot.get(0)).build())))
                .containsExactly("two", "three");
    }

    @Test
    void occupantsAreToldWhenLoggingStartsAndStopsAndOnlyLoggedMessagesCarryTheRoomsStanzaId() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        RecordingClient bob = parley.login("bob", "phone");
        MultiUserChat aliceRoom = created(alice, "toggled");
        MultiUserChat bobRoom = joined(bob, "toggled");
        aliceRoom.sendMessage("before");
        assertThat(nextBody(bobRoom).getExtension(StanzaIdElement.class)).isNull();

        configure(aliceRoom, true, false, false);
        bob.awaitMessage(m -> hasStatus(m, 170));
        aliceRoom.sendMessage("during");
        roomStanzaId(nextBody(bobRoom));
        configure(aliceRoom, false, false, false);
        bob.awaitMessage(m -> hasStatus(m, 171));
        aliceRoom.sendMessage("after");
        assertThat(nextBody(bobRoom).getExtension(StanzaIdElement.class)).isNull();

        // The archive is advertised (and Smack asks for it) only while the room logs.
        configure(aliceRoom, true, false, false);
        assertThat(bodies(archive(bobRoom, MamQueryArgs.builder().build()))).containsExactly("during");
    }

    @Test
    void inAMembersOnlyRoomOnlyMembersReadTheArchiveAndOutcastsNever() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        MultiUserChat aliceRoom = created(alice, "private");
        configure(aliceRoom, true, true, false);
        aliceRoom.grantMembership(JidCreate.entityBareFrom("bob@localhost"));
        aliceRoom.sendMessage("members only");

        // Bob is a member who never entered: he may read it.
        RecordingClient bob = parley.login("bob", "phone");
        assertThat(bodies(archive(muc(bob, "private"), MamQueryArgs.builder().build()))).containsExactly("members only");
        RecordingClient carol = parley.login("carol", "laptop");
        refused(Condition.forbidden, () -> archive(muc(carol, "private"), MamQueryArgs.builder().build()));

        configure(aliceRoom, true, false, false);
        assertThat(bodies(archive(muc(carol, "private"), MamQueryArgs.builder().build()))).containsExactly("members only");
        aliceRoom.banUser(JidCreate.entityBareFrom("carol@localhost"), "no");
        refused(Condition.forbidden, () -> archive(muc(carol, "private"), MamQueryArgs.builder().build()));
    }

    @Test
    void aSemiAnonymousRoomsArchiveShowsRealJidsToModeratorsOnly() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        RecordingClient bob = parley.login("bob", "phone");
        MultiUserChat aliceRoom = created(alice, "masked");
        configure(aliceRoom, true, false, false);
        MultiUserChat bobRoom = joined(bob, "masked");
        bobRoom.sendMessage("who am I");
        nextBody(aliceRoom);

        Message asModeratorSees = archive(aliceRoom, MamQueryArgs.builder().build()).getMessages().get(0);
        assertThat(MUCUser.from(asModeratorSees).getItem().getJid().toString()).isEqualTo("bob@localhost/phone");
        Message asBobSees = archive(bobRoom, MamQueryArgs.builder().build()).getMessages().get(0);
        assertThat(asBobSees.getBody()).isEqualTo("who am I");
        assertThat(MUCUser.from(asBobSees)).isNull();
        // Filtering by sender would tell a participant who sent what.
        refused(Condition.forbidden, () -> archive(bobRoom,
                MamQueryArgs.builder().limitResultsToJid(JidCreate.from("alice@localhost")).build()));
        assertThat(bodies(archive(aliceRoom, MamQueryArgs.builder().limitResultsToJid(JidCreate.from("bob@localhost"))
                .build()))).containsExactly("who am I");
    }

    /**
     * Members never miss (issue 13): a member whose devices all went offline comes back and pages
     * the room's archive from the last message it saw, getting exactly those sent meanwhile.
     */
    @Test
    void aMemberWhoseDevicesWereOfflineCatchesUpWithExactlyWhatItMissed() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        MultiUserChat aliceRoom = created(alice, "team");
        configure(aliceRoom, true, true, true);
        aliceRoom.grantMembership(JidCreate.entityBareFrom("bob@localhost"));
        RecordingClient bob = parley.login("bob", "phone");
        MultiUserChat bobRoom = joined(bob, "team");
        aliceRoom.sendMessage("seen");
        String lastSeen = roomStanzaId(nextBody(bobRoom));
        bob.close();

        List<String> missed = List.of("while", "you", "were", "away", "x", "y", "z");
        for (String body : missed) {
            aliceRoom.sendMessage(body);
            nextBody(aliceRoom);
        }
        RecordingClient bobAgain = parley.login("bob", "phone");
        MultiUserChat back = muc(bobAgain, "team");
        List<String> caughtUp = new ArrayList<>();
        MamQuery page = archive(back, MamQueryArgs.builder().afterUid(lastSeen).setResultPageSize(3).build());
        caughtUp.addAll(bodies(page));
        while (!page.isComplete()) {
            caughtUp.addAll(page.pageNext(3).stream().map(Message::getBody).toList());
        }
        assertThat(caughtUp).containsExactlyElementsOf(missed);
    }

    @Test
    void aPersistentRoomsArchiveOutlivesARestartAndGoesWithTheRoom() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        MultiUserChat aliceRoom = created(alice, "lasting");
        configure(aliceRoom, true, true, true);
        aliceRoom.sendMessage("kept");
        nextBody(aliceRoom);
        alice.close();

        parley.server().restart();

        RecordingClient aliceAgain = parley.login("alice", "desk");
        MultiUserChat back = joined(aliceAgain, "lasting");
        // The history sent on entering comes from the archive, with its delay stamp.
        Message history = nextBody(back);
        assertThat(history.getBody()).isEqualTo("kept");
        assertThat(history.getExtension(DelayInformation.class)).isNotNull();
        assertThat(bodies(archive(back, MamQueryArgs.builder().build()))).containsExactly("kept");
        back.destroy("done", null);
        MultiUserChat anew = created(aliceAgain, "lasting");
        configure(anew, true, false, false);
        assertThat(archive(anew, MamQueryArgs.builder().build()).getMessages()).isEmpty();
    }

    /** Moderated retraction (XEP-0425): only a moderator, only a message the room's archive has. */
    @Test
    void aModeratorRetractsAMessageEveryoneIsToldAndTheArchiveAndHistoryKeepATombstone() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        RecordingClient bob = parley.login("bob", "phone");
        RecordingClient carol = parley.login("carol", "laptop");
        MultiUserChat aliceRoom = created(alice, "moderated");
        configure(aliceRoom, true, false, false);
        assertThat(ServiceDiscoveryManager.getInstanceFor(bob.connection()).discoverInfo(room("moderated"))
                .containsFeature("urn:xmpp:message-moderate:1")).isTrue();
        MultiUserChat bobRoom = joined(bob, "moderated");
        MultiUserChat carolRoom = joined(carol, "moderated");
        carolRoom.sendMessage("buy potions");
        String id = roomStanzaId(nextBody(aliceRoom));
        nextBody(bobRoom);

        refused(Condition.forbidden, () -> bob.request(moderate(id, "not yours")));
        refused(Condition.item_not_found, () -> alice.request(moderate("0000000000", "no such")));
        alice.request(moderate(id, "spam"));
        EntityBareJid roomJid = room("moderated");
        Message told = bob.awaitMessage(m -> m.getFrom().equals(roomJid)
                && m.toXML().toString().contains("urn:xmpp:message-retract:1"));
        assertThat(told.toXML().toString()).contains("id='" + id + "'", "by='moderated@conference.localhost/alice'",
                "<reason>spam</reason>", "<apply-to xmlns='urn:xmpp:fasten:0' id='" + id + "'>");

        List<Message> archived = archive(bobRoom, MamQueryArgs.builder().build()).getMessages();
        assertThat(archived).hasSize(2);
        assertThat(archived.get(0).getBody()).isNull();
        assertThat(archived.get(0).toXML().toString()).contains("<retracted", "urn:xmpp:message-moderate:1");
        assertThat(archived.get(1).toXML().toString()).contains("<retract ", "id='" + id + "'");
        // Entering, the history shows the tombstone, never the message.
        Rooms.leave(bob, bobRoom);
        int before = bob.received(Message.class).size();
        joined(bob, "moderated");
        Message inHistory = bob.awaitMessage(m -> m.getFrom().toString().equals("moderated@conference.localhost/carol")
                && m.toXML().toString().contains("<retracted"));
        assertThat(inHistory.getBody()).isNull();
        List<Message> received = bob.received(Message.class);
        assertThat(received.subList(before, received.size())).noneMatch(m -> "buy potions".equals(m.getBody()));
    }

    /**
     * Version 0 (XEP-0422 fastening; what slixmpp and ejabberd 23.01 speak) retracts the same way, and
     * is announced in both versions in one message, so either kind of client understands it.
     */
    @Test
    void aVersion0ModerationRetractsTooAndIsAnnouncedInBothVersions() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        RecordingClient bob = parley.login("bob", "phone");
        EntityBareJid roomJid = room("moderated-v0");
        MultiUserChat aliceRoom = created(alice, "moderated-v0");
        configure(aliceRoom, true, false, false);
        assertThat(ServiceDiscoveryManager.getInstanceFor(bob.connection()).discoverInfo(roomJid)
                .containsFeature("urn:xmpp:message-moderate:0")).isTrue();
        MultiUserChat bobRoom = joined(bob, "moderated-v0");
        bobRoom.sendMessage("buy potions");
        String id = roomStanzaId(nextBody(aliceRoom));
        nextBody(bobRoom);
        RawIq withoutRetract = new RawIq(IQ.Type.set, roomJid, "apply-to", "urn:xmpp:fasten:0",
                "<moderate xmlns='urn:xmpp:message-moderate:0'/>").attribute("id", id);
        refused(Condition.bad_request, () -> alice.request(withoutRetract));

        alice.request(new RawIq(IQ.Type.set, roomJid, "apply-to", "urn:xmpp:fasten:0",
                "<moderate xmlns='urn:xmpp:message-moderate:0'><retract xmlns='urn:xmpp:message-retract:0'/>"
                        + "<reason>spam</reason></moderate>").attribute("id", id));
        Message told = bob.awaitMessage(m -> m.getFrom().equals(roomJid)
                && m.toXML().toString().contains("urn:xmpp:fasten:0"));
        // (Smack writes unknown extensions back with an extra empty-prefix declaration: compare in pieces.)
        assertThat(told.toXML().toString()).contains("<retract xmlns='urn:xmpp:message-retract:1'", "id='" + id + "'",
                "<apply-to xmlns='urn:xmpp:fasten:0' id='" + id + "'>", "<moderated xmlns='urn:xmpp:message-moderate:0'",
                "by='moderated-v0@conference.localhost/alice'", "<retract xmlns='urn:xmpp:message-retract:0'",
                "<reason>spam</reason>");
        Message tombstone = archive(bobRoom, MamQueryArgs.builder().build()).getMessages().get(0);
        assertThat(tombstone.getBody()).isNull();
        assertThat(tombstone.toXML().toString()).contains("<retracted xmlns='urn:xmpp:message-retract:1'",
                "<retracted xmlns='urn:xmpp:message-retract:0'");
    }

    private static RawIq moderate(String id, String reason) throws Exception {
        return new RawIq(IQ.Type.set, room("moderated"), "moderate", "urn:xmpp:message-moderate:1",
                "<retract xmlns='urn:xmpp:message-retract:1'/><reason>" + reason + "</reason>").attribute("id", id);
    }
}
