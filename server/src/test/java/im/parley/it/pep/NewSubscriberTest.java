package im.parley.it.pep;

import static im.parley.it.pep.Pep.publish;
import static im.parley.it.roster.SubscriptionTest.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * XEP-0163 §6.2: "a PEP service MUST send the last published item to all new subscribers". A
 * contact online with {@code node+notify} caps the server has verified already gets the node's
 * last item when the owner approves its presence subscription, once, without changing its caps.
 */
class NewSubscriberTest {
    private static final String NODE = "http://jabber.org/protocol/mood";
    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob");

    @Test
    void anApprovedSubscriberGetsTheLastItemOnce() throws Exception {
        RecordingClient alice = parley.login("alice", "desk");
        RecordingClient bob = parley.login("bob", "desk");
        BareJid alices = JidCreate.bareFrom("alice@" + parley.server().domain());
        // Bob's caps are verified once his own item reaches him (as a notification, or as the last item on new caps).
        Pep.notify(bob, NODE);
        publish(bob, NODE, "b1", "curious");
        Pep.until(() -> Pep.receivedItem(bob, bob.jid().asBareJid(), NODE, "b1"));
        publish(alice, NODE, "m1", "satisfied");

        subscribe(bob, "bob", alice, "alice");

        Pep.until(() -> Pep.receivedItem(bob, alices, NODE, "m1"));
        Pep.settle(bob);
        assertThat(bob.received()).filteredOn(s -> s instanceof Message m && alices.equals(m.getFrom())
                && Pep.items(m, NODE) != null).hasSize(1);
    }
}
