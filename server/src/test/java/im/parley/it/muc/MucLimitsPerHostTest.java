package im.parley.it.muc;

import static im.parley.it.muc.Rooms.nick;
import static im.parley.it.muc.Rooms.refused;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The chat room limits of each host (muc.limits in a host's section): the rooms at one host's
 * service take one occupant and one room per user, while another host's keep the defaults.
 */
class MucLimitsPerHostTest {
    private static final String ONE = "one.example";
    private static final String TWO = "two.example";

    @RegisterExtension
    static final ParleyExtension parley = new ParleyExtension().config("""
            domain: ~
            hosts:
              - one.example:
                  muc: {limits: {rooms-per-user: 1, occupants-per-room: 1}}
              - two.example
            """).users("alice@one.example", "bob@one.example", "alice@two.example", "bob@two.example");

    private static RecordingClient login(String user, String host) throws Exception {
        return parley.client(user).domain(host).password(user + "-pw").resource("desk").login();
    }

    private static MultiUserChat room(RecordingClient client, String name, String host) throws Exception {
        return MultiUserChatManager.getInstanceFor(client.connection())
                .getMultiUserChat(JidCreate.entityBareFrom(name + "@conference." + host));
    }

    @Test
    void eachHostsRoomsKeepItsOwnLimits() throws Exception {
        try (RecordingClient aliceOne = login("alice", ONE); RecordingClient bobOne = login("bob", ONE);
                RecordingClient aliceTwo = login("alice", TWO); RecordingClient bobTwo = login("bob", TWO)) {
            room(aliceOne, "small", ONE).create(nick("alice")).makeInstant();
            refused(StanzaError.Condition.service_unavailable, () -> room(bobOne, "small", ONE).join(nick("bob")));
            refused(StanzaError.Condition.not_allowed, () -> room(aliceOne, "another", ONE).join(nick("alice")));

            room(aliceTwo, "big", TWO).create(nick("alice")).makeInstant();
            room(aliceTwo, "bigger", TWO).create(nick("alice")).makeInstant();
            room(bobTwo, "big", TWO).join(nick("bob"));
        }
    }
}
