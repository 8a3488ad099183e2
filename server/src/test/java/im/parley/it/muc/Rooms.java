package im.parley.it.muc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.RecordingClient;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/** What the chat room tests share: addresses on conference.localhost, Smack's room handles, refusals. */
final class Rooms {
    static final Duration WAIT = Duration.ofSeconds(5);

    private Rooms() {
    }

    static EntityBareJid room(String name) throws Exception {
        return JidCreate.entityBareFrom(name + "@conference.localhost");
    }

    static Resourcepart nick(String nick) throws Exception {
        return Resourcepart.from(nick);
    }

    static MultiUserChat muc(RecordingClient client, String room) throws Exception {
        return MultiUserChatManager.getInstanceFor(client.connection()).getMultiUserChat(room(room));
    }

    /** The client creates an instant room (201, then the empty owner form unlocks it) and owns it; its nick is its user name. */
    static MultiUserChat created(RecordingClient owner, String room) throws Exception {
        MultiUserChat muc = muc(owner, room);
        muc.create(nick(owner.jid().getLocalpart().toString())).makeInstant();
        return muc;
    }

    /** The client enters the room with its user name as nick. */
    static MultiUserChat joined(RecordingClient client, String room) throws Exception {
        MultiUserChat muc = muc(client, room);
        String nick = client.jid().getLocalpart().toString();
        muc.join(nick(nick));
        // join() returns on the room's self-presence, but Smack fills the occupant list in another
        // listener, in the order the room sent its presences (the self-presence last): once the
        // joiner sees itself there, it sees everyone the room announced before.
        EntityFullJid self = JidCreate.entityFullFrom(muc.getRoom() + "/" + nick);
        await().atMost(WAIT).until(() -> muc.getOccupantPresence(self) != null);
        return muc;
    }

    /**
     * Leaves the room so that the same handle can enter it again at once. Smack's MultiUserChat
     * handles the room's reflection of the leave in a stanza listener that takes the handle's lock
     * (userHasLeft), while join() holds that lock until the room's answer reaches it; and Smack
     * hands a connection's stanzas to waiting requests and to listeners in one order, so a join
     * sent before that listener ran waits out its whole reply timeout, the answer queued behind
     * the blocked listener. A round trip to the service after leaving lets the listener run first.
     */
    static void leave(RecordingClient client, MultiUserChat muc) throws Exception {
        muc.leave();
        ServiceDiscoveryManager.getInstanceFor(client.connection()).discoverInfo(muc.getRoom().asDomainBareJid());
    }

    /** The next message with a body (entering also brings the subject, §7.2.15). */
    static Message nextBody(MultiUserChat muc) throws Exception {
        Message m;
        do {
            m = muc.nextMessage(WAIT.toMillis());
        } while (m != null && m.getBody() == null);
        return m;
    }

    /** Asserts that the request is refused with this condition. */
    static void refused(StanzaError.Condition condition, ThrowingCallable request) {
        assertThatThrownBy(request).isInstanceOfSatisfying(XMPPErrorException.class,
                e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(condition));
    }
}
