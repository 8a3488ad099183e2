package im.parley.it.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.blocking.BlockingCommandManager;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * XEP-0191 between real clients: what a blocked contact and the blocking user each receive.
 * Alice blocks Bob; Carol, whom nobody blocks, sends markers that show nothing else arrived first.
 */
class BlockingTest {
    @RegisterExtension
    static final ParleyExtension parley = new ParleyExtension().users("alice", "bob", "carol");
    @Login("alice/phone")
    RecordingClient alice;
    @Login("bob/laptop")
    RecordingClient bob;
    @Login("carol/tablet")
    RecordingClient carol;

    @BeforeEach
    void awaitAvailable() {
        for (String user : new String[] {"alice", "bob", "carol"}) {
            parley.server().awaitAvailable(user + "@localhost");
        }
    }

    @AfterEach
    void unblock() throws Exception {
        BlockingCommandManager.getInstanceFor(alice.connection()).unblockAll();
    }

    @Test
    void serverAnnouncesBlockingAndReporting() throws Exception {
        assertThat(BlockingCommandManager.getInstanceFor(alice.connection()).isSupportedByServer()).isTrue();
        assertThat(org.jivesoftware.smackx.disco.ServiceDiscoveryManager.getInstanceFor(alice.connection())
                .serverSupportsFeature("urn:xmpp:reporting:1")).isTrue();
    }

    @Test
    void blockedContactsMessageIsRefusedAsIfAliceWereOfflineAndNeverArrives() throws Exception {
        block(bob);

        bob.send(bob.chat(alice, "let me in"));
        Message error = bob.awaitMessage();
        assertThat(error.getType()).isEqualTo(Message.Type.error);
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);

        carol.send(carol.chat(alice, "marker"));
        assertThat(alice.awaitMessage().getBody()).isEqualTo("marker");
        assertThat(alice.received(Message.class)).hasSize(1);
    }

    @Test
    void blockedContactsIqRequestGetsServiceUnavailable() throws Exception {
        block(bob);

        assertThatThrownBy(() -> bob.request(new Ping(bob.connection(), alice.jid())))
                .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.service_unavailable));
    }

    @Test
    void blockedContactSeesAliceGoOffline() throws Exception {
        block(bob);

        bob.await(s -> s instanceof Presence p
                && p.getType() == Presence.Type.unavailable && p.getFrom().equals(alice.jid()));
    }

    @Test
    void presenceFromTheBlockedContactIsDropped() throws Exception {
        block(bob);

        bob.send(bob.connection().getStanzaFactory().buildPresenceStanza().to(alice.jid()).build());
        carol.send(carol.chat(alice, "marker"));
        alice.awaitMessage();
        assertThat(alice.received()).noneMatch(s -> s instanceof Presence && bob.jid().equals(s.getFrom()));
    }

    @Test
    void messageToABlockedContactIsRefusedWithTheBlockedCondition() throws Exception {
        block(bob);

        alice.send(alice.chat(bob, "you will never read this"));
        Message error = alice.awaitMessage();
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
        assertThat((Object) error.getError().getExtension("blocked", "urn:xmpp:blocking:errors")).isNotNull();

        carol.send(carol.chat(bob, "marker"));
        assertThat(bob.awaitMessage().getBody()).isEqualTo("marker");
        assertThat(bob.received(Message.class)).hasSize(1);
    }

    @Test
    void unblockingLetsMessagesThroughAgain() throws Exception {
        block(bob);
        BlockingCommandManager.getInstanceFor(alice.connection()).unblockContacts(List.of(bob.jid().asBareJid()));

        bob.send(bob.chat(alice, "hello again"));
        assertThat(alice.awaitMessage().getBody()).isEqualTo("hello again");
        assertThat(BlockingCommandManager.getInstanceFor(alice.connection()).getBlockList()).isEmpty();
    }

    @Test
    void aSubscribedContactSeesAliceAgainAfterTheUnblock() throws Exception {
        bob.send(Presence.Type.subscribe, "alice");
        alice.send(Presence.Type.subscribed, "bob");
        await().atMost(Duration.ofSeconds(5)).until(() -> presencesFromAlice(Presence.Type.available) > 0);
        block(bob);
        await().atMost(Duration.ofSeconds(5)).until(() -> presencesFromAlice(Presence.Type.unavailable) > 0);
        long before = presencesFromAlice(Presence.Type.available);

        BlockingCommandManager.getInstanceFor(alice.connection()).unblockContacts(List.of(bob.jid().asBareJid()));

        await().atMost(Duration.ofSeconds(5)).until(() -> presencesFromAlice(Presence.Type.available) > before);
    }

    private long presencesFromAlice(Presence.Type type) {
        return bob.received(Presence.class).stream().filter(p -> p.getType() == type
                && alice.jid().equals(p.getFrom())).count();
    }

    @Test
    void changesArePushedToTheOtherResourceThatReadTheList() throws Exception {
        XMPPTCPConnection laptop = parley.login("alice", "laptop").connection();
        BlockingCommandManager onLaptop = BlockingCommandManager.getInstanceFor(laptop);
        assertThat(onLaptop.getBlockList()).isEmpty();
        List<Jid> pushedBlocks = new CopyOnWriteArrayList<>();
        AtomicBoolean allUnblocked = new AtomicBoolean();
        onLaptop.addJidsBlockedListener(pushedBlocks::addAll);
        onLaptop.addAllJidsUnblockedListener(() -> allUnblocked.set(true));

        block(bob);
        await().atMost(Duration.ofSeconds(5)).until(() -> pushedBlocks.contains(bareJid(bob)));
        assertThat(onLaptop.getBlockList()).containsExactly(bareJid(bob));

        BlockingCommandManager.getInstanceFor(alice.connection()).unblockAll();
        await().atMost(Duration.ofSeconds(5)).untilTrue(allUnblocked);
        assertThat(onLaptop.getBlockList()).isEmpty();
    }

    @Test
    void blockingTheWholeDomainBlocksEveryoneThereButAliceHerself() throws Exception {
        BlockingCommandManager.getInstanceFor(alice.connection()).blockContacts(List.of(JidCreate.domainBareFrom("localhost")));

        carol.send(carol.chat(alice, "from the blocked domain"));
        RecordingClient laptop = parley.login("alice", "laptop");
        laptop.send(laptop.chat(alice, "from my other resource"));
        assertThat(alice.awaitMessage().getBody()).isEqualTo("from my other resource");
        assertThat(alice.received(Message.class)).hasSize(1);
    }

    @Test
    void aBlockWithASpamReportBlocks() throws Exception {
        IQ result = alice.request(new BlockWithReport(bareJid(bob), BlockWithReport.SPAM));

        assertThat(result.getType()).isEqualTo(IQ.Type.result);
        assertThat(BlockingCommandManager.getInstanceFor(alice.connection()).getBlockList()).containsExactly(bareJid(bob));
    }

    @Test
    void aReportWithoutReasonIsABadRequestAndBlocksNothing() throws Exception {
        BlockWithReport noReason = new BlockWithReport(bareJid(bob), null);
        assertThatThrownBy(() -> alice.request(noReason))
                .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.bad_request));
        assertThat(BlockingCommandManager.getInstanceFor(alice.connection()).getBlockList()).isEmpty();
    }

    private void block(RecordingClient contact) throws Exception {
        BlockingCommandManager.getInstanceFor(alice.connection()).blockContacts(List.of(bareJid(contact)));
    }

    private static EntityBareJid bareJid(RecordingClient client) {
        return client.jid().asEntityBareJid();
    }
}
