package im.parley.it.carbons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import java.util.List;
import java.util.function.Predicate;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.carbons.CarbonManager;
import org.jivesoftware.smackx.carbons.packet.Carbon;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension.Direction;
import org.jivesoftware.smackx.hints.element.NoCopyHint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Message Carbons (XEP-0280) with real Smack clients: alice on her phone and her laptop, both
 * carbon-enabled, talks with bob. Where a test says a copy did not come, a later stanza that the
 * same session thread sent to the same device arrived first: copies are queued in routing order.
 */
class CarbonsTest {
    @RegisterExtension
    static final ParleyExtension parley = new ParleyExtension().users("alice", "bob");
    @Login("alice/phone")
    RecordingClient phone;
    @Login("alice/laptop")
    RecordingClient laptop;
    @Login("bob/desk")
    RecordingClient bob;

    @BeforeEach
    void enableCarbonsOnBothDevices() throws Exception {
        CarbonManager.getInstanceFor(phone.connection()).enableCarbons();
        CarbonManager.getInstanceFor(laptop.connection()).enableCarbons();
    }

    @Test
    void theServerAdvertisesCarbons() throws Exception {
        assertThat(CarbonManager.getInstanceFor(bob.connection()).isSupportedByServer()).isTrue();
    }

    @Test
    void bothDevicesSeeBothSidesOfAConversation() throws Exception {
        bob.send(bob.chat(phone, "hello phone"));
        phone.awaitMessage(body("hello phone"));
        Message received = laptop.awaitMessage(carbon(Direction.received, "hello phone"));
        // Not forged: the copy comes from alice's own bare JID, the original as bob sent it.
        assertThat(received.getFrom().toString()).isEqualTo(RecordingClient.jid("alice").toString());
        assertThat(received.getTo().toString()).isEqualTo(laptop.jid().toString());
        assertThat(received.getType()).isEqualTo(Message.Type.chat);
        assertThat(forwarded(received).getFrom().toString()).isEqualTo(bob.jid().toString());

        phone.send(phone.chat(bob, "hello bob"));
        assertThat(bob.awaitMessage(body("hello bob")).getFrom().toString()).isEqualTo(phone.jid().toString());
        Message sent = laptop.awaitMessage(carbon(Direction.sent, "hello bob"));
        assertThat(sent.getFrom().toString()).isEqualTo(RecordingClient.jid("alice").toString());
        assertThat(forwarded(sent).getFrom().toString()).isEqualTo(phone.jid().toString());
        assertThat(forwarded(sent).getTo().toString()).isEqualTo(bob.jid().toString());

        // The phone wrote and read the originals: it gets no copy of either.
        bob.send(bob.chat(phone, "end"));
        phone.awaitMessage(body("end"));
        assertThat(carbons(phone)).isEmpty();
    }

    @Test
    void aMessageToTheBareJidIsCopiedOnlyToTheResourcesRfc6121DidNotDeliverItTo() throws Exception {
        prioritize(phone, 5, laptop);
        bob.send(bob.chat("alice@localhost", "to the highest priority"));
        phone.awaitMessage(body("to the highest priority"));
        laptop.awaitMessage(carbon(Direction.received, "to the highest priority"));

        prioritize(laptop, 5, phone);
        bob.send(bob.chat("alice@localhost", "to both"));
        phone.awaitMessage(body("to both"));
        laptop.awaitMessage(body("to both"));
        // Each device gets a copy of what bob sends the other one next, after any copy of "to both".
        bob.send(bob.chat(phone, "end"));
        bob.send(bob.chat(laptop, "end"));
        phone.awaitMessage(carbon(Direction.received, "end"));
        laptop.awaitMessage(carbon(Direction.received, "end"));
        assertThat(carbons(phone)).extracting(CarbonsTest::forwardedBody).containsExactly("end");
        assertThat(carbons(laptop)).extracting(CarbonsTest::forwardedBody).containsExactly("to the highest priority", "end");
    }

    @Test
    void aMessageStoredOfflineBecauseEveryResourceHasANegativePriorityIsCopiedToThemAll() throws Exception {
        prioritize(phone, -1, laptop);
        prioritize(laptop, -1, phone);
        bob.send(bob.chat("alice@localhost", "while away"));
        // RFC 6121 §8.5.2.1.1: stored, not delivered; XEP-0280 §6: a copy to each that did not receive it.
        phone.awaitMessage(carbon(Direction.received, "while away"));
        laptop.awaitMessage(carbon(Direction.received, "while away"));
    }

    @Test
    void privateAndNoCopyMessagesAreNotCopied() throws Exception {
        bob.send(privateChat(bob.chat(phone, "private to phone")));
        bob.send(noCopy(bob.chat(phone, "no-copy to phone")));
        bob.send(bob.chat(phone, "copied"));
        phone.send(privateChat(phone.chat(bob, "private to bob")));
        phone.send(noCopy(phone.chat(bob, "no-copy to bob")));
        phone.send(phone.chat(bob, "copied too"));

        laptop.awaitMessage(carbon(Direction.received, "copied"));
        laptop.awaitMessage(carbon(Direction.sent, "copied too"));
        assertThat(carbons(laptop)).extracting(CarbonsTest::forwardedBody).containsExactlyInAnyOrder("copied", "copied too");
        // The hints are the recipient's to read too (XEP-0280 no longer has servers strip <private/>).
        Message atBob = bob.awaitMessage(body("private to bob"));
        assertThat(atBob.hasExtension(CarbonExtension.Private.QNAME)).isTrue();
        assertThat(NoCopyHint.hasHint(phone.awaitMessage(body("no-copy to phone")))).isTrue();
    }

    @Test
    void aResourceThatDisabledCarbonsGetsNoCopies() throws Exception {
        CarbonManager.getInstanceFor(laptop.connection()).disableCarbons();
        bob.send(bob.chat(phone, "not for the laptop"));
        bob.send(bob.chat(laptop, "end from bob"));
        phone.send(phone.chat(bob, "nor this"));
        phone.send(phone.chat(laptop, "end from the phone"));

        laptop.awaitMessage(body("end from bob"));
        laptop.awaitMessage(body("end from the phone"));
        assertThat(carbons(laptop)).isEmpty();
    }

    @Test
    void onlyAResourceOfTheAccountSwitchesItsCarbonsAndOnlyWithASet() throws Exception {
        Carbon.Enable forBob = new Carbon.Enable();
        forBob.setTo(RecordingClient.jid("bob"));
        assertThatThrownBy(() -> phone.request(forBob)).isInstanceOfSatisfying(XMPPErrorException.class,
                e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.not_allowed));
        Carbon.Enable get = new Carbon.Enable();
        get.setType(IQ.Type.get);
        assertThatThrownBy(() -> phone.request(get)).isInstanceOfSatisfying(XMPPErrorException.class,
                e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.bad_request));
        // Enabling twice is no error (§8).
        phone.request(new Carbon.Enable());
    }

    /** Sets the device's presence priority and waits until the other device of the account has seen it. */
    private static void prioritize(RecordingClient device, int priority, RecordingClient other) throws Exception {
        device.send(device.connection().getStanzaFactory().buildPresenceStanza().setPriority(priority).build());
        other.await(s -> s instanceof Presence p && device.jid().equals(p.getFrom()) && p.getPriority() == priority);
    }

    private static Message privateChat(Message message) {
        return message.asBuilder().addExtension(CarbonExtension.Private.INSTANCE).build();
    }

    private static Message noCopy(Message message) {
        return message.asBuilder().addExtension(NoCopyHint.INSTANCE).build();
    }

    private static Predicate<Message> body(String body) {
        return m -> body.equals(m.getBody());
    }

    private static Predicate<Message> carbon(Direction direction, String body) {
        return m -> CarbonExtension.from(m) instanceof CarbonExtension c && c.getDirection() == direction
                && body.equals(c.getForwarded().getForwardedStanza().getBody());
    }

    private static List<Message> carbons(RecordingClient device) {
        return device.received(Message.class).stream().filter(m -> CarbonExtension.from(m) != null).toList();
    }

    private static Message forwarded(Message carbon) {
        return CarbonExtension.from(carbon).getForwarded().getForwardedStanza();
    }

    private static String forwardedBody(Message carbon) {
        return forwarded(carbon).getBody();
    }
}
