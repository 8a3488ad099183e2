package im.parley.it.csi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.parley.session.ClientSession;
import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import im.parley.testkit.ServerConfig;
import im.parley.xmpp.Jid;
import java.time.Duration;
import java.util.List;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.csi.ClientStateIndicationManager;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Client state indication (XEP-0352) with Smack: while alice's phone says it is inactive, bob's
 * presence updates and chat states wait (the newest of each), a message with a body comes at
 * once after what waited, and everything waiting comes when the phone is active again, counted
 * by stream management (Smack enables it) as it is sent.
 */
class ClientStateIndicationTest {
    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob");
    @Login("alice/phone")
    RecordingClient alice;
    @Login("bob/desk")
    RecordingClient bob;

    @BeforeEach
    void contacts() throws Exception {
        alice.send(Presence.Type.subscribe, "bob");
        bob.awaitPresence(Presence.Type.subscribe, "alice");
        bob.send(Presence.Type.subscribed, "alice");
        bob.send(Presence.Type.subscribe, "alice");
        alice.awaitPresence(Presence.Type.subscribe, "bob");
        alice.send(Presence.Type.subscribed, "bob");
        alice.awaitPresence(Presence.Type.available, "bob");
    }

    @Test
    void theServerAdvertisesClientStateIndication() {
        assertThat(ClientStateIndicationManager.isSupported(alice.connection())).isTrue();
    }

    @Test
    void anInactiveClientGetsTheNewestPresenceOfAContactOnlyWhenActiveAgain() throws Exception {
        int before = inactive(alice);
        statuses(bob, "one", "two", "three");

        assertThat(presencesFromBob(alice, before)).isEmpty();
        assertThat(session("alice", "phone").held()).isEqualTo(1);
        ClientStateIndicationManager.active(alice.connection());

        alice.await(s -> s instanceof Presence p && "three".equals(p.getStatus()));
        sync(alice);
        assertThat(presencesFromBob(alice, before)).extracting(Presence::getStatus).containsExactly("three");
        assertThat(session("alice", "phone").held()).isZero();
    }

    @Test
    void aMessageWithABodyComesAtOnceRightAfterTheNewestHeldPresence() throws Exception {
        int before = inactive(alice);
        statuses(bob, "one", "two", "three");
        bob.send(bob.chat(alice, "wake up"));

        Message message = alice.awaitMessage(m -> "wake up".equals(m.getBody()));
        List<Stanza> since = receivedSince(alice, before);
        assertThat(presencesFromBob(alice, before)).extracting(Presence::getStatus).containsExactly("three");
        assertThat(since.indexOf(presencesFromBob(alice, before).get(0))).isLessThan(since.indexOf(message));
    }

    @Test
    void chatStatesWaitAndOnlyTheNewestComes() throws Exception {
        int before = inactive(alice);
        for (ChatState state : List.of(ChatState.composing, ChatState.active, ChatState.paused)) {
            bob.send(chatState(state));
        }
        sync(bob);

        assertThat(chatStates(alice, before)).isEmpty();
        ClientStateIndicationManager.active(alice.connection());
        alice.await(s -> s.hasExtension(ChatStateExtension.NAMESPACE));
        sync(alice);
        assertThat(chatStates(alice, before)).containsExactly(ChatState.paused);
    }

    @Test
    void heldStanzasAreCountedByStreamManagementWhenTheyAreSent() throws Exception {
        XMPPTCPConnection phone = alice.connection();
        assertThat(phone.isSmEnabled()).isTrue();
        int before = inactive(alice);
        statuses(bob, "one", "two", "three");
        bob.send(chatState(ChatState.composing));
        bob.send(chatState(ChatState.paused));
        sync(bob);
        assertThat(session("alice", "phone").held()).isEqualTo(2);

        ClientStateIndicationManager.active(phone);
        alice.await(s -> s.hasExtension(ChatStateExtension.NAMESPACE));
        // Counted: the client's 'h' covers everything the server numbered, the replaced stanzas
        // were never numbered (else they would wait for an acknowledgement forever).
        assertEverythingAcknowledged(phone);
        assertThat(phone.isConnected()).isTrue();
        assertThat(presencesFromBob(alice, before)).extracting(Presence::getStatus).containsExactly("three");
    }

    @Test
    void aResumedStreamIsActiveAndGetsWhatWasHeldAfterWhatWasNotAcknowledged() throws Exception {
        XMPPTCPConnection phone = alice.connection();
        int before = inactive(alice);
        statuses(bob, "one");
        phone.instantShutdown();
        await().atMost(Duration.ofSeconds(10)).until(() -> session("alice", "phone").detached());
        bob.send(bob.chat(alice, "while away"));
        statuses(bob, "two");

        phone.connect().login();

        assertThat(phone.streamWasResumed()).isTrue();
        alice.await(s -> s instanceof Presence p && "two".equals(p.getStatus()));
        List<Stanza> since = receivedSince(alice, before);
        // "one" was sent before the message that flushed it; "two" waited, and came on resumption.
        assertThat(presencesFromBob(alice, before)).extracting(Presence::getStatus).containsExactly("one", "two");
        assertThat(since.stream().filter(s -> s instanceof Message m && "while away".equals(m.getBody()))).hasSize(1);
        assertEverythingAcknowledged(phone);
    }

    @Test
    @ServerConfig("csi:\n  max-held-stanzas: 1\n")
    void aFullHoldIsSentInOrder() throws Exception {
        int before = inactive(alice);
        statuses(bob, "one");
        assertThat(session("alice", "phone").held()).isEqualTo(1);

        bob.send(chatState(ChatState.composing));

        alice.await(s -> s.hasExtension(ChatStateExtension.NAMESPACE));
        assertThat(presencesFromBob(alice, before)).extracting(Presence::getStatus).containsExactly("one");
        assertThat(session("alice", "phone").held()).isZero();
    }

    @Test
    void whatIsHeldWhenTheSessionEndsGoesWhereUndeliveredStanzasGoAndNoErrorComesBack() throws Exception {
        RecordingClient laptop = parley.client("alice").resource("laptop").withoutStreamManagement().login();
        // Its initial presence, which the server sends back to it, is not among what is held.
        laptop.await(s -> s instanceof Presence p && p.getFrom().equals(laptop.jid()));
        inactive(laptop);
        statuses(bob, "one");
        bob.send(bob.connection().getStanzaFactory().buildMessageStanza().to(laptop.jid()).ofType(Message.Type.chat)
                .addExtension(new ChatStateExtension(ChatState.composing)).build());
        sync(bob);
        assertThat(session("alice", "laptop").held()).isEqualTo(2);

        laptop.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> session("alice", "laptop") == null);

        // The presence is dropped, the chat state discarded by offline storage (XEP-0160): no bounce.
        sync(bob);
        assertThat(bob.received(Message.class)).noneMatch(m -> m.getType() == Message.Type.error);
    }

    /** Says the client is inactive and waits until the server took it (it handles a stream's input in order, §6); what the client got until then. */
    private static int inactive(RecordingClient client) throws Exception {
        ClientStateIndicationManager.inactive(client.connection());
        sync(client);
        return client.received().size();
    }

    /** Broadcasts each status in turn, and waits until the server routed them all. */
    private static void statuses(RecordingClient client, String... statuses) throws Exception {
        for (String status : statuses) {
            client.send(client.connection().getStanzaFactory().buildPresenceStanza().setStatus(status).build());
        }
        sync(client);
    }

    /** A ping to the server, answered after everything the client sent before it was handled. */
    private static void sync(RecordingClient client) throws Exception {
        client.request(new Ping(client.connection(), client.connection().getXMPPServiceDomain()));
    }

    private Message chatState(ChatState state) {
        return bob.connection().getStanzaFactory().buildMessageStanza().to(alice.jid()).ofType(Message.Type.chat)
                .addExtension(new ChatStateExtension(state)).build();
    }

    /** One copy of what the client received: a stanza may come between two reads of it. */
    private static List<Stanza> receivedSince(RecordingClient client, int since) {
        List<Stanza> received = client.received();
        return received.subList(since, received.size());
    }

    private static List<Presence> presencesFromBob(RecordingClient client, int since) {
        return receivedSince(client, since).stream()
                .filter(s -> s instanceof Presence p && p.getFrom().asBareJid().toString().equals("bob@localhost"))
                .map(Presence.class::cast).toList();
    }

    private static List<ChatState> chatStates(RecordingClient client, int since) {
        return receivedSince(client, since).stream()
                .map(s -> s.getExtension(ChatStateExtension.NAMESPACE)).filter(e -> e != null)
                .map(e -> ChatState.valueOf(e.getElementName())).toList();
    }

    /** The phone acknowledges what it handled: every stanza the server numbered, if it numbered only what it sent. */
    private void assertEverythingAcknowledged(XMPPTCPConnection phone) throws Exception {
        phone.sendSmAcknowledgement();
        await().atMost(Duration.ofSeconds(10)).until(() -> session("alice", "phone").unacknowledged() == 0);
    }

    private ClientSession session(String user, String resource) {
        return (ClientSession) parley.server().server().sessions().get(Jid.of(user, parley.server().domain(), resource));
    }
}
