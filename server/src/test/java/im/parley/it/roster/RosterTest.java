package im.parley.it.roster;

import static im.parley.testkit.RecordingClient.jid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import im.parley.store.KeyHash;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.RosterGroup;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The roster IQ (RFC 6121 §2) with real clients: pushes, versioning and the changes since a version, errors and the size cap. */
class RosterTest {
    @RegisterExtension
    static final ParleyExtension parley = new ParleyExtension().config("roster:\n  max-items: 3\n")
            .users("alice", "bob", "carol", "dave", "erin", "frank", "hank", "ivy", "kim", "lee", "mia");

    @Test
    void anItemAddedOnOneResourceIsPushedToTheOther() throws Exception {
        try (RecordingClient phone = parley.login("alice", "phone");
                RecordingClient laptop = parley.login("alice", "laptop")) {
            phone.roster().createItem(jid("bob"), "Bobby", new String[] {"Friends", "Work"});
            // Smack applies pushes to the laptop's roster: the entry appears there without a new roster get.
            await().until(() -> laptop.roster().getEntry(jid("bob")) != null);
            RosterEntry entry = laptop.roster().getEntry(jid("bob"));
            assertThat(entry.getName()).isEqualTo("Bobby");
            assertThat(entry.getGroups()).extracting(RosterGroup::getName).containsExactlyInAnyOrder("Friends", "Work");
            phone.roster().removeEntry(phone.roster().getEntry(jid("bob")));
            await().until(() -> laptop.roster().getEntry(jid("bob")) == null);
        }
    }

    @Test
    void anUnchangedRosterIsAnsweredWithAnEmptyResult() throws Exception {
        try (RecordingClient bob = parley.login("bob", "phone")) {
            bob.roster().createItem(jid("carol"), "Carol", null);
            RosterPacket full = (RosterPacket) bob.request(get(""));
            assertThat(full.getRosterItems()).extracting(RosterPacket.Item::getJid).containsExactly(jid("carol"));

            IQ unchanged = bob.request(get(full.getVersion()));
            assertThat(unchanged).isNotInstanceOf(RosterPacket.class);
            assertThat(unchanged.getType()).isEqualTo(IQ.Type.result);
        }
    }

    @Test
    void badRosterSetsAreRefusedWithTheErrorsOfTheRfc() throws Exception {
        try (RecordingClient carol = parley.login("carol", "phone")) {
            assertThat(error(carol, "<item jid='a@localhost'/><item jid='b@localhost'/>"))
                    .isEqualTo(Condition.bad_request);
            assertThat(error(carol, "<item jid='a@localhost'><group>G</group><group>G</group></item>"))
                    .isEqualTo(Condition.bad_request);
            assertThat(error(carol, "<item jid='a@localhost'><group></group></item>"))
                    .isEqualTo(Condition.not_acceptable);
            assertThat(error(carol, "<item jid='a@b@localhost'/>")).isEqualTo(Condition.jid_malformed);
            assertThat(error(carol, "<item jid='nobody@localhost' subscription='remove'/>"))
                    .isEqualTo(Condition.item_not_found);
            assertThat(carol.roster().getEntries()).isEmpty();
        }
    }

    @Test
    void aFullRosterTakesNoNewItem() throws Exception {
        try (RecordingClient dave = parley.login("dave", "phone")) {
            for (String contact : new String[] {"a", "b", "c"}) {
                dave.roster().createItem(jid(contact), null, null);
            }
            XMPPErrorException refused = catchThrowableOfType(XMPPErrorException.class,
                    () -> dave.roster().createItem(jid("d"), null, null));
            assertThat(refused.getStanzaError().getCondition()).isEqualTo(Condition.not_allowed);
            dave.roster().createItem(jid("a"), "renaming is not adding", null);
        }
    }

    @Test
    void anotherUserCannotReadTheRoster() throws Exception {
        try (RecordingClient erin = parley.login("erin", "phone")) {
            RosterPacket get = get(null);
            get.setTo(jid("alice"));
            XMPPErrorException refused = catchThrowableOfType(XMPPErrorException.class, () -> erin.request(get));
            assertThat(refused.getStanzaError().getCondition()).isEqualTo(Condition.forbidden);
        }
    }

    @Test
    void theRosterOfAUserWithASessionIsKeptInMemoryUntilTheLastSessionEnds() throws Exception {
        try (RecordingClient phone = parley.login("frank", "phone")) {
            try (RecordingClient laptop = parley.login("frank", "laptop")) {
                addBehindTheServersBack("frank", "gina@localhost");
            }
            // The phone is still online: its roster comes from memory, which the store write bypassed.
            assertThat(((RosterPacket) phone.request(get(null))).getRosterItems()).isEmpty();
        }
        // Released with the last session, so a later login reads the store again.
        await().until(() -> {
            try (RecordingClient phone = parley.login("frank", "phone")) {
                return !((RosterPacket) phone.request(get(null))).getRosterItems().isEmpty();
            }
        });
    }

    @Test
    void theLogoutReachesTheSubscribersOfTheRosterKeptInMemory() throws Exception {
        try (RecordingClient ivy = parley.login("ivy", "desk")) {
            // Without stream management: a resumable session would stay available while it may be resumed.
            RecordingClient hank = parley.client("hank").resource("phone").withoutStreamManagement().login();
            SubscriptionTest.subscribe(ivy, "ivy", hank, "hank");
            removeBehindTheServersBack("hank", "ivy@localhost");
            // Gone without a word (no unavailable presence of its own), so the server says it when
            // the session ends: the presence module before the roster module lets the kept roster
            // go, so the unavailable presence reaches the subscriber known while hank was online.
            hank.connection().instantShutdown();
            assertThat(ivy.awaitPresence(Presence.Type.unavailable, "hank").getFrom().toString())
                    .isEqualTo("hank@localhost/phone");
        }
    }

    @Test
    void aClientBackWithAnyPushedVersionIsSentExactlyTheChangesSince() throws Exception {
        List<String> pushed = new CopyOnWriteArrayList<>();
        try (RecordingClient phone = parley.login("kim", "phone");
                RecordingClient laptop = parley.login("kim", "laptop")) {
            List<RosterPacket> pushes = recordPushes(phone);
            String initial = ((RosterPacket) phone.request(get(""))).getVersion();
            phone.roster().createItem(jid("a"), "A", null);
            phone.roster().createItem(jid("b"), "B", null);
            await().until(() -> pushes.size() == 2);
            pushes.forEach(push -> pushed.add(push.getVersion()));
            assertThat(pushed).doesNotHaveDuplicates().doesNotContain(initial);

            // While the phone is away (it keeps its versions), the laptop removes a, renames b, adds c.
            await().until(() -> laptop.roster().getEntry(jid("a")) != null);
            laptop.roster().removeEntry(laptop.roster().getEntry(jid("a")));
            laptop.roster().createItem(jid("b"), "Bee", null);
            laptop.roster().createItem(jid("c"), "C", null);
        }
        try (RecordingClient phone = parley.login("kim", "phone")) {
            String current = ((RosterPacket) phone.request(get(""))).getVersion();
            assertThat(pushed).doesNotContain(current);
            // After a's addition: a's removal, b's renaming, c's addition, each with its own version.
            assertThat(changesSince(phone, pushed.get(0))).containsExactly("remove a", "Bee b", "C c");
            // After b's addition: the same, as a push tells each contact's last change.
            assertThat(changesSince(phone, pushed.get(1))).containsExactly("remove a", "Bee b", "C c");
            assertThat(changesSince(phone, current)).isEmpty();
        }
    }

    @Test
    void anAccountCreatedAgainNeverIssuesAVersionAClientOfTheOldOneHolds() throws Exception {
        String held;
        try (RecordingClient phone = parley.login("lee", "phone")) {
            List<RosterPacket> pushes = recordPushes(phone);
            phone.request(get(""));
            phone.roster().createItem(jid("old-friend"), null, null);
            await().until(() -> pushes.size() == 1);
            held = pushes.get(0).getVersion();
        }
        parley.server().server().accounts().delete(parley.server().user("lee"));
        parley.createUsers("lee");
        try (RecordingClient phone = parley.login("lee", "phone")) {
            List<RosterPacket> pushes = recordPushes(phone);
            phone.request(get(""));
            phone.roster().createItem(jid("new-friend"), null, null);
            await().until(() -> pushes.size() == 1);
            assertThat(pushes.get(0).getVersion()).isNotEqualTo(held);

            // The client of the old account comes back with its version: it must not keep old-friend.
            IQ answer = phone.request(get(held));
            assertThat(answer).isInstanceOf(RosterPacket.class);
            assertThat(((RosterPacket) answer).getRosterItems()).extracting(RosterPacket.Item::getJid)
                    .containsExactly(jid("new-friend"));
        }
    }

    @Test
    void aVersionTheServerNeverIssuedGetsTheWholeRoster() throws Exception {
        try (RecordingClient phone = parley.login("mia", "phone")) {
            phone.roster().createItem(jid("a"), null, null);
            for (String foreign : new String[] {"not-a-number", "999999", "-1"}) {
                RosterPacket full = (RosterPacket) phone.request(get(foreign));
                assertThat(full.getRosterItems()).extracting(RosterPacket.Item::getJid).containsExactly(jid("a"));
                assertThat(full.getVersion()).isNotEqualTo(foreign);
            }
        }
    }

    /** Asks with a version; expects the empty result and returns the pushes that follow, as "name jid" or "remove jid". */
    private static List<String> changesSince(RecordingClient client, String version) throws Exception {
        List<RosterPacket> pushes = recordPushes(client);
        String current = ((RosterPacket) client.request(get(""))).getVersion();
        IQ answer = client.request(get(version));
        assertThat(answer).as("an empty result").isNotInstanceOf(RosterPacket.class);
        if (version.equals(current)) {
            return List.of();
        }
        await().until(() -> !pushes.isEmpty() && pushes.get(pushes.size() - 1).getVersion().equals(current));
        assertThat(pushes).extracting(RosterPacket::getVersion).doesNotHaveDuplicates().doesNotContain(version);
        return pushes.stream().map(push -> push.getRosterItems().get(0)).map(item ->
                (item.getItemType() == RosterPacket.ItemType.remove ? "remove" : item.getName()) + " "
                        + item.getJid().getLocalpartOrNull()).toList();
    }

    /**
     * Records the roster pushes the client receives from now on, and acknowledges them (§2.1.6).
     * Smack hands IQ requests to their handler only, never to stanza listeners, so this handler
     * takes the place of Smack's roster's own.
     */
    private static List<RosterPacket> recordPushes(RecordingClient client) {
        List<RosterPacket> pushes = new CopyOnWriteArrayList<>();
        client.connection().registerIQRequestHandler(new AbstractIqRequestHandler(RosterPacket.ELEMENT,
                RosterPacket.NAMESPACE, IQ.Type.set, IQRequestHandler.Mode.sync) {
            @Override
            public IQ handleIQRequest(IQ push) {
                pushes.add((RosterPacket) push);
                return IQ.createResultIQ(push);
            }
        });
        return pushes;
    }

    private static void removeBehindTheServersBack(String user, String contact) throws Exception {
        try (Connection store = parley.server().storeConnection();
                PreparedStatement delete = store.prepareStatement(
                        "DELETE FROM roster_item WHERE host = ? AND username = ? AND contact_hash = ?")) {
            delete.setString(1, parley.server().server().domain());
            delete.setString(2, user);
            delete.setString(3, KeyHash.of(contact));
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }
    }

    private static void addBehindTheServersBack(String user, String contact) throws Exception {
        try (Connection store = parley.server().storeConnection();
                PreparedStatement insert = store.prepareStatement("INSERT INTO roster_item (host, username,"
                        + " contact_hash, contact, subscription, ask, approved, version)"
                        + " VALUES (?, ?, ?, ?, 'none', FALSE, FALSE, 0)")) {
            insert.setString(1, parley.server().server().domain());
            insert.setString(2, user);
            insert.setString(3, KeyHash.of(contact));
            insert.setString(4, contact);
            insert.executeUpdate();
        }
    }

    private static RosterPacket get(String version) {
        RosterPacket get = new RosterPacket();
        get.setType(IQ.Type.get);
        get.setVersion(version);
        return get;
    }

    private static Condition error(RecordingClient client, String items) {
        XMPPErrorException e = catchThrowableOfType(XMPPErrorException.class, () -> client.request(new RawRosterSet(items)));
        return e.getStanzaError().getCondition();
    }

    /** A roster set with hand-written items, to send what Smack's own classes cannot express. */
    private static final class RawRosterSet extends IQ {
        private final String items;

        RawRosterSet(String items) {
            super(RosterPacket.ELEMENT, RosterPacket.NAMESPACE);
            this.items = items;
            setType(Type.set);
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.rightAngleBracket();
            xml.append(items);
            return xml;
        }
    }
}
