package im.parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import java.util.List;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/** Two real clients exchange messages through Parley; what one sends is what the other receives. */
class MessagingTest {
    @RegisterExtension
    static final ParleyExtension parley = new ParleyExtension().users("alice", "bob");
    @Login("alice/phone")
    RecordingClient alice;
    @Login("bob/laptop")
    RecordingClient bob;

    @Test
    void messagesBetweenFullJidsArriveInOrderBothWays() throws Exception {
        int count = 200;
        for (int i = 0; i < count; i++) {
            alice.send(alice.chat(bob, "a" + i));
            bob.send(bob.chat(alice, "b" + i));
        }
        List<Message> toBob = bob.awaitReceived(Message.class, count);
        List<Message> toAlice = alice.awaitReceived(Message.class, count);
        for (int i = 0; i < count; i++) {
            Message atBob = toBob.get(i);
            assertThat(atBob.getBody()).isEqualTo("a" + i);
            assertThat(atBob.getFrom().toString()).isEqualTo("alice@localhost/phone");
            assertThat(toAlice.get(i).getBody()).isEqualTo("b" + i);
        }
    }

    @Test
    void spoofedFromIsReplacedByTheSendersAddress() throws Exception {
        Message forged = alice.chat(bob, "I am the admin");
        forged.setFrom(JidCreate.from("admin@localhost/console"));
        alice.send(forged);
        assertThat(bob.awaitMessage().getFrom().toString()).isEqualTo("alice@localhost/phone");
    }

    @Test
    void messageToBareJidReachesAnAvailableResource() throws Exception {
        bob.send(bob.connection().getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.available).build());
        parley.server().awaitAvailable("bob@localhost");
        alice.send(alice.chat("bob@localhost", "to your bare JID"));
        assertThat(bob.awaitMessage().getBody()).isEqualTo("to your bare JID");
    }

    @Test
    void messageToUnknownUserIsAnsweredWithServiceUnavailable() throws Exception {
        alice.send(alice.chat("nobody@localhost", "hello?"));
        Message error = alice.awaitMessage();
        assertThat(error.getType()).isEqualTo(Message.Type.error);
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        assertThat(error.getFrom().toString()).isEqualTo("nobody@localhost");
    }

    @Test
    void messageToOtherDomainIsAnsweredWithRemoteServerNotFound() throws Exception {
        alice.send(alice.chat("someone@elsewhere.example", "hi"));
        assertThat(alice.awaitMessage().getError().getCondition())
                .isEqualTo(StanzaError.Condition.remote_server_not_found);
    }
}
