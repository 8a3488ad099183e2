package im.parley.it.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import im.parley.it.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.blocking.BlockingCommandManager;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * XEP-0191 between real clients: what a blocked contact and the blocking user each receive.
 * Alice blocks Bob; Carol, whom nobody blocks, sends markers that show nothing else arrived first.
 */
class BlockingTest {
    private static TestServer server;
    private XMPPTCPConnection alice;
    private XMPPTCPConnection bob;
    private XMPPTCPConnection carol;
    private final List<Stanza> toAlice = new CopyOnWriteArrayList<>();
    private final List<Stanza> toBob = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        server.addUser("alice", "alice-pw");
        server.addUser("bob", "bob-pw");
        server.addUser("carol", "carol-pw");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void connect() throws Exception {
        alice = server.login("alice", "alice-pw", "phone");
        bob = server.login("bob", "bob-pw", "laptop");
        carol = server.login("carol", "carol-pw", "tablet");
        alice.addStanzaListener(toAlice::add, s -> s instanceof Message || s instanceof Presence);
        bob.addStanzaListener(toBob::add, s -> s instanceof Message || s instanceof Presence);
        awaitAvailable("alice", "bob", "carol");
    }

    @AfterEach
    void disconnect() throws Exception {
        BlockingCommandManager.getInstanceFor(alice).unblockAll();
        alice.disconnect();
        bob.disconnect();
        carol.disconnect();
    }

    @Test
    void serverAnnouncesBlockingAndReporting() throws Exception {
        assertThat(BlockingCommandManager.getInstanceFor(alice).isSupportedByServer()).isTrue();
        assertThat(org.jivesoftware.smackx.disco.ServiceDiscoveryManager.getInstanceFor(alice)
                .serverSupportsFeature("urn:xmpp:reporting:1")).isTrue();
    }

    @Test
    void blockedContactsMessageIsRefusedAsIfAliceWereOfflineAndNeverArrives() throws Exception {
        block(bob);

        bob.sendStanza(chat(bob, alice, "let me in"));
        Message error = awaitMessage(toBob);
        assertThat(error.getType()).isEqualTo(Message.Type.error);
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);

        carol.sendStanza(chat(carol, alice, "marker"));
        assertThat(awaitMessage(toAlice).getBody()).isEqualTo("marker");
        assertThat(messages(toAlice)).hasSize(1);
    }

    @Test
    void blockedContactsIqRequestGetsServiceUnavailable() throws Exception {
        block(bob);

        assertThatThrownBy(() -> bob.sendIqRequestAndWaitForResponse(new Ping(bob, alice.getUser())))
                .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.service_unavailable));
    }

    @Test
    void blockedContactSeesAliceGoOffline() throws Exception {
        block(bob);

        await().atMost(Duration.ofSeconds(5)).until(() -> toBob.stream().anyMatch(s -> s instanceof Presence p
                && p.getType() == Presence.Type.unavailable && p.getFrom().equals(alice.getUser())));
    }

    @Test
    void presenceFromTheBlockedContactIsDropped() throws Exception {
        block(bob);

        bob.sendStanza(bob.getStanzaFactory().buildPresenceStanza().to(alice.getUser()).build());
        carol.sendStanza(chat(carol, alice, "marker"));
        awaitMessage(toAlice);
        assertThat(toAlice).noneMatch(s -> s instanceof Presence && bob.getUser().equals(s.getFrom()));
    }

    @Test
    void messageToABlockedContactIsRefusedWithTheBlockedCondition() throws Exception {
        block(bob);

        alice.sendStanza(chat(alice, bob, "you will never read this"));
        Message error = awaitMessage(toAlice);
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
        assertThat((Object) error.getError().getExtension("blocked", "urn:xmpp:blocking:errors")).isNotNull();

        carol.sendStanza(chat(carol, bob, "marker"));
        assertThat(awaitMessage(toBob).getBody()).isEqualTo("marker");
        assertThat(messages(toBob)).hasSize(1);
    }

    @Test
    void unblockingLetsMessagesThroughAgain() throws Exception {
        block(bob);
        BlockingCommandManager.getInstanceFor(alice).unblockContacts(List.of(bob.getUser().asBareJid()));

        bob.sendStanza(chat(bob, alice, "hello again"));
        assertThat(awaitMessage(toAlice).getBody()).isEqualTo("hello again");
        assertThat(BlockingCommandManager.getInstanceFor(alice).getBlockList()).isEmpty();
    }

    @Test
    void aSubscribedContactSeesAliceAgainAfterTheUnblock() throws Exception {
        bob.sendStanza(bob.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.subscribe)
                .to(alice.getUser().asBareJid()).build());
        alice.sendStanza(alice.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.subscribed)
                .to(bob.getUser().asBareJid()).build());
        await().atMost(Duration.ofSeconds(5)).until(() -> presencesFromAlice(Presence.Type.available) > 0);
        block(bob);
        await().atMost(Duration.ofSeconds(5)).until(() -> presencesFromAlice(Presence.Type.unavailable) > 0);
        long before = presencesFromAlice(Presence.Type.available);

        BlockingCommandManager.getInstanceFor(alice).unblockContacts(List.of(bob.getUser().asBareJid()));

        await().atMost(Duration.ofSeconds(5)).until(() -> presencesFromAlice(Presence.Type.available) > before);
    }

    private long presencesFromAlice(Presence.Type type) {
        return toBob.stream().filter(s -> s instanceof Presence p && p.getType() == type
                && alice.getUser().equals(p.getFrom())).count();
    }

    @Test
    void changesArePushedToTheOtherResourceThatReadTheList() throws Exception {
        XMPPTCPConnection laptop = server.login("alice", "alice-pw", "laptop");
        try {
            BlockingCommandManager onLaptop = BlockingCommandManager.getInstanceFor(laptop);
            assertThat(onLaptop.getBlockList()).isEmpty();
            List<Jid> pushedBlocks = new CopyOnWriteArrayList<>();
            AtomicBoolean allUnblocked = new AtomicBoolean();
            onLaptop.addJidsBlockedListener(pushedBlocks::addAll);
            onLaptop.addAllJidsUnblockedListener(() -> allUnblocked.set(true));

            block(bob);
            await().atMost(Duration.ofSeconds(5)).until(() -> pushedBlocks.contains(bareJid(bob)));
            assertThat(onLaptop.getBlockList()).containsExactly(bareJid(bob));

            BlockingCommandManager.getInstanceFor(alice).unblockAll();
            await().atMost(Duration.ofSeconds(5)).untilTrue(allUnblocked);
            assertThat(onLaptop.getBlockList()).isEmpty();
        } finally {
            laptop.disconnect();
        }
    }

    @Test
    void blockingTheWholeDomainBlocksEveryoneThereButAliceHerself() throws Exception {
        BlockingCommandManager.getInstanceFor(alice).blockContacts(List.of(JidCreate.domainBareFrom("localhost")));

        carol.sendStanza(chat(carol, alice, "from the blocked domain"));
        XMPPTCPConnection laptop = server.login("alice", "alice-pw", "laptop");
        try {
            laptop.sendStanza(chat(laptop, alice, "from my other resource"));
            assertThat(awaitMessage(toAlice).getBody()).isEqualTo("from my other resource");
            assertThat(messages(toAlice)).hasSize(1);
        } finally {
            laptop.disconnect();
        }
    }

    @Test
    void aBlockWithASpamReportBlocks() throws Exception {
        IQ result = alice.sendIqRequestAndWaitForResponse(new BlockWithReport(bareJid(bob), BlockWithReport.SPAM));

        assertThat(result.getType()).isEqualTo(IQ.Type.result);
        assertThat(BlockingCommandManager.getInstanceFor(alice).getBlockList()).containsExactly(bareJid(bob));
    }

    @Test
    void aReportWithoutReasonIsABadRequestAndBlocksNothing() throws Exception {
        BlockWithReport noReason = new BlockWithReport(bareJid(bob), null);
        assertThatThrownBy(() -> alice.sendIqRequestAndWaitForResponse(noReason))
                .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.bad_request));
        assertThat(BlockingCommandManager.getInstanceFor(alice).getBlockList()).isEmpty();
    }

    private void block(XMPPTCPConnection contact) throws Exception {
        BlockingCommandManager.getInstanceFor(alice).blockContacts(List.of(bareJid(contact)));
    }

    private static EntityBareJid bareJid(XMPPTCPConnection connection) {
        return connection.getUser().asEntityBareJid();
    }

    private void awaitAvailable(String... users) {
        for (String user : users) {
            await().atMost(Duration.ofSeconds(5)).until(() -> server.server().sessions()
                    .sessionsOf(im.parley.xmpp.Jid.parse(user + "@localhost")).stream().allMatch(s -> s.available()));
        }
    }

    private static Message chat(XMPPTCPConnection from, XMPPTCPConnection to, String body) {
        return from.getStanzaFactory().buildMessageStanza().to(to.getUser()).ofType(Message.Type.chat)
                .setBody(body).build();
    }

    private static List<Message> messages(List<Stanza> received) {
        return received.stream().filter(s -> s instanceof Message).map(s -> (Message) s).toList();
    }

    private static Message awaitMessage(List<Stanza> received) {
        await().atMost(Duration.ofSeconds(5)).until(() -> !messages(received).isEmpty());
        return messages(received).get(0);
    }
}
