package im.parley.it.pep;

import static im.parley.it.pep.Pep.publish;
import static im.parley.it.roster.SubscriptionTest.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smackx.pep.PepManager;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.Subscription;
import org.jivesoftware.smackx.pubsub.provider.SubscriptionProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * XEP-0163 §7.1: when the owner's roster takes away what let a contact read a PEP node (its
 * subscription to the owner's presence cancelled either way, its item removed, or its roster
 * group changed), the contact's explicit subscriptions to the nodes it may no longer read go,
 * and it is told (XEP-0060 §12); a subscription the access model still allows stays.
 */
class RosterChangeTest {
    private static final String STATUS = "urn:test:status";
    private static final String FAMILY = "urn:test:family";
    private static final String OPEN = "urn:test:open";

    static {
        // As in SubscriptionsTest: Smack 4.5 parses <subscription/> in the pubsub namespace only, and
        // a subscription event it cannot parse ends its connection.
        ProviderManager.addExtensionProvider("subscription", "http://jabber.org/protocol/pubsub#event",
                new SubscriptionProvider());
    }

    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob", "carol", "dave", "erin");

    private BareJid jid(String user) throws Exception {
        return JidCreate.bareFrom(user + "@" + parley.server().domain());
    }

    @Test
    void subscriptionsTheRosterNoLongerAllowsGoAndTheSubscriberIsTold() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        RecordingClient bob = parley.login("bob", "desk");
        RecordingClient carol = parley.login("carol", "desk");
        RecordingClient dave = parley.login("dave", "desk");
        RecordingClient erin = parley.login("erin", "desk");
        publish(alice, STATUS, "s1", "busy");
        publish(alice, FAMILY, "f1", "dinner at eight", "pubsub#access_model", "roster",
                "pubsub#roster_groups_allowed", "Family");
        publish(alice, OPEN, "o1", "hello world", "pubsub#access_model", "open");
        for (RecordingClient contact : new RecordingClient[] {bob, carol, erin}) {
            String user = contact.jid().getLocalpart().toString();
            subscribe(contact, user, alice, "alice");
            subscribeTo(contact, STATUS);
        }
        subscribeTo(bob, OPEN);
        alice.roster().createItem(jid("dave"), "Dave", new String[] {"Family"});
        subscribeTo(dave, FAMILY);

        // Alice cancels Bob's subscription to her presence: the presence node goes, the open one stays.
        alice.send(Presence.Type.unsubscribed, "bob");
        subscriptionEnded(bob, STATUS);
        // Alice removes Carol from her roster.
        RosterEntry carols = alice.roster().getEntry(jid("carol"));
        alice.roster().removeEntry(carols);
        subscriptionEnded(carol, STATUS);
        // Erin unsubscribes from Alice's presence herself.
        erin.send(Presence.Type.unsubscribe, "alice");
        subscriptionEnded(erin, STATUS);
        // Dave leaves the Family group.
        alice.roster().createItem(jid("dave"), "Dave", new String[] {"Friends"});
        subscriptionEnded(dave, FAMILY);

        PubSubManager pep = PepManager.getInstanceFor(alice.connection()).getPepPubSubManager();
        assertThat(pep.getLeafNode(STATUS).getSubscriptionsAsOwner()).isEmpty();
        assertThat(pep.getLeafNode(FAMILY).getSubscriptionsAsOwner()).isEmpty();
        assertThat(pep.getLeafNode(OPEN).getSubscriptionsAsOwner()).extracting(Subscription::getJid)
                .containsExactly(jid("bob"));
        assertThat(bob.received()).noneMatch(s -> s.toXML().toString()
                .matches("(?s).*<subscription [^>]*node='" + OPEN + "'[^>]*subscription='none'.*"));

        publish(alice, STATUS, "s2", "free");
        Pep.settle(bob);
        assertThat(Pep.receivedItem(bob, jid("alice"), STATUS, "s2")).isFalse();
    }

    private void subscribeTo(RecordingClient contact, String node) throws Exception {
        PubSubManager.getInstanceFor(contact.connection(), jid("alice")).getLeafNode(node)
                .subscribe(contact.jid().asBareJid());
    }

    private static void subscriptionEnded(RecordingClient client, String node) {
        client.await(s -> s instanceof Message m && m.toXML().toString()
                .matches("(?s).*<subscription [^>]*node='" + node + "'[^>]*subscription='none'.*"));
    }
}
