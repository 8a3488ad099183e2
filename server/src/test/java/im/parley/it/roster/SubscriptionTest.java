package im.parley.it.roster;

import static im.parley.testkit.RecordingClient.jid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RFC 6121 §3 subscriptions between two real clients: what each one is sent, and their rosters. */
public class SubscriptionTest {
    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob", "carol");

    @Test
    void mutualSubscriptionShowsBothOnlineAndLogoutIsBroadcast() throws Exception {
        try (RecordingClient alice = parley.login("alice", "phone");
                RecordingClient bob = parley.login("bob", "laptop")) {
            alice.send(Presence.Type.subscribe, "bob");
            bob.awaitPresence(Presence.Type.subscribe, "alice");
            assertThat(entry(alice, "bob").isSubscriptionPending()).isTrue();

            bob.send(Presence.Type.subscribed, "alice");
            alice.awaitPresence(Presence.Type.subscribed, "bob");
            Presence bobOnline = alice.awaitPresence(Presence.Type.available, "bob");
            assertThat(bobOnline.getFrom().toString()).isEqualTo("bob@localhost/laptop");
            await().until(() -> entry(alice, "bob").getType() == ItemType.to);

            bob.send(Presence.Type.subscribe, "alice");
            alice.awaitPresence(Presence.Type.subscribe, "bob");
            alice.send(Presence.Type.subscribed, "bob");
            bob.awaitPresence(Presence.Type.available, "alice");
            await().until(() -> entry(alice, "bob").getType() == ItemType.both
                    && entry(bob, "alice").getType() == ItemType.both);
        }
        try (RecordingClient bob = parley.login("bob", "laptop")) {
            RecordingClient alice = parley.login("alice", "phone");
            bob.awaitPresence(Presence.Type.available, "alice");
            alice.close();
            // Not the probe answer from alice's bare JID (she was offline at bob's login): her resource's logout.
            bob.await(s -> s instanceof Presence p && p.getType() == Presence.Type.unavailable
                    && p.getFrom().toString().equals("alice@localhost/phone"));
        }
    }

    @Test
    void aRequestToAnOfflineUserIsDeliveredAtEachLoginUntilAnswered() throws Exception {
        try (RecordingClient alice = parley.login("alice", "phone")) {
            alice.send(Presence.Type.subscribe, "bob");
            await().until(() -> entry(alice, "bob") != null);
        }
        try (RecordingClient bob = parley.login("bob", "laptop")) {
            bob.awaitPresence(Presence.Type.subscribe, "alice");
        }
        try (RecordingClient bob = parley.login("bob", "laptop")) {
            bob.awaitPresence(Presence.Type.subscribe, "alice");
            bob.send(Presence.Type.subscribed, "alice");
            await().until(() -> entry(bob, "alice") != null && entry(bob, "alice").getType() == ItemType.from);
        }
        try (RecordingClient bob = parley.login("bob", "laptop")) {
            Thread.sleep(300);
            assertThat(bob.receivedPresence(Presence.Type.subscribe, "alice")).isFalse();
        }
    }

    @Test
    void aPreApprovedRequestIsAnsweredByTheServer() throws Exception {
        try (RecordingClient alice = parley.login("alice", "phone");
                RecordingClient bob = parley.login("bob", "laptop")) {
            assertThat(bob.roster().isSubscriptionPreApprovalSupported()).isTrue();
            bob.send(Presence.Type.subscribed, "alice");
            await().until(() -> entry(bob, "alice") != null && entry(bob, "alice").isApproved());
            assertThat(alice.receivedPresence(Presence.Type.subscribed, "bob")).isFalse();

            alice.send(Presence.Type.subscribe, "bob");
            alice.awaitPresence(Presence.Type.subscribed, "bob");
            alice.awaitPresence(Presence.Type.available, "bob");
            await().until(() -> entry(bob, "alice").getType() == ItemType.from && !entry(bob, "alice").isApproved());
            assertThat(bob.receivedPresence(Presence.Type.subscribe, "alice")).isFalse();
        }
    }

    @Test
    void aDeniedRequestLeavesNoSubscription() throws Exception {
        try (RecordingClient alice = parley.login("alice", "phone");
                RecordingClient bob = parley.login("bob", "laptop")) {
            alice.send(Presence.Type.subscribe, "bob");
            bob.awaitPresence(Presence.Type.subscribe, "alice");
            bob.send(Presence.Type.unsubscribed, "alice");
            alice.awaitPresence(Presence.Type.unsubscribed, "bob");
            await().until(() -> entry(alice, "bob").getType() == ItemType.none && !entry(alice, "bob")
                    .isSubscriptionPending());
            assertThat(alice.receivedPresence(Presence.Type.available, "bob")).isFalse();
        }
    }

    @Test
    void removingAnItemUnsubscribesBothWays() throws Exception {
        try (RecordingClient alice = parley.login("alice", "phone");
                RecordingClient bob = parley.login("bob", "laptop")) {
            subscribe(alice, "alice", bob, "bob");
            subscribe(bob, "bob", alice, "alice");
            alice.roster().removeEntry(entry(alice, "bob"));
            bob.awaitPresence(Presence.Type.unsubscribe, "alice");
            bob.awaitPresence(Presence.Type.unsubscribed, "alice");
            bob.awaitPresence(Presence.Type.unavailable, "alice");
            await().until(() -> entry(bob, "alice").getType() == ItemType.none);
            assertThat(entry(alice, "bob")).isNull();
        }
    }

    @Test
    void deletingAnAccountUnsubscribesItsContacts() throws Exception {
        try (RecordingClient alice = parley.login("alice", "phone");
                RecordingClient bob = parley.login("bob", "laptop")) {
            subscribe(alice, "alice", bob, "bob");
            subscribe(bob, "bob", alice, "alice");
            parley.server().server().accounts().delete(parley.server().user("alice"));
            bob.awaitPresence(Presence.Type.unsubscribe, "alice");
            bob.awaitPresence(Presence.Type.unsubscribed, "alice");
            await().until(() -> entry(bob, "alice").getType() == ItemType.none);
        }
    }

    /** {@code from} subscribes to {@code to}, who approves. */
    public static void subscribe(RecordingClient from, String fromUser, RecordingClient to, String toUser) throws Exception {
        from.send(Presence.Type.subscribe, toUser);
        to.awaitPresence(Presence.Type.subscribe, fromUser);
        to.send(Presence.Type.subscribed, fromUser);
        from.awaitPresence(Presence.Type.subscribed, toUser);
    }

    private static RosterEntry entry(RecordingClient client, String user) throws Exception {
        return client.roster().getEntry(jid(user));
    }
}
