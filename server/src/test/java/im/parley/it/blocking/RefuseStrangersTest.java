package im.parley.it.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Refuse messages from people not in my roster", on for everyone by configuration. No one has
 * roster contacts yet, so every other user is a stranger.
 */
class RefuseStrangersTest {
    @RegisterExtension
    static final ParleyExtension parley = new ParleyExtension()
            .config("privacy:\n  refuse-strangers-default: true\n").users("alice", "bob");

    @Test
    void aStrangersMessageIsBouncedWithServiceUnavailableAndTheOwnResourcesStillTalk() throws Exception {
        RecordingClient alice = parley.login("alice", "phone");
        RecordingClient bob = parley.login("bob", "laptop");
        bob.send(bob.chat(alice, "hello stranger"));
        Message bounce = bob.awaitMessage();
        assertThat(bounce.getType()).isEqualTo(Message.Type.error);
        assertThat(bounce.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);

        RecordingClient laptop = parley.login("alice", "laptop");
        laptop.send(laptop.chat(alice, "note to self"));
        alice.awaitMessage();
        assertThat(alice.received(Message.class)).extracting(Message::getBody).containsExactly("note to self");
    }
}
