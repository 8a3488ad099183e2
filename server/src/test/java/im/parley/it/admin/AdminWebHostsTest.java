package im.parley.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * The web admin page of a server with two hosts: each host's administrator sees the figures (the
 * chat rooms counted among them) and rooms of that host only, and cannot destroy a room of the other.
 */
class AdminWebHostsTest {
    private static final String ONE = "one.example";
    private static final String TWO = "two.example";

    @RegisterExtension
    static final ParleyExtension parley = new ParleyExtension().config("""
            domain: ~
            admins: [admin@one.example, admin@two.example]
            hosts:
              - one.example
              - two.example
            """).users("admin@one.example", "alice@one.example", "admin@two.example", "alice@two.example",
            "bob@two.example");

    private static AdminWebClient admin(String host) throws Exception {
        return new AdminWebClient(parley.server().server().httpPort()).loggedIn("admin@" + host, "admin-pw");
    }

    private static RecordingClient login(String user, String host, String resource) throws Exception {
        return parley.client(user).domain(host).password(user + "-pw").resource(resource).login();
    }

    private static String row(String name, Object value) {
        return "<tr><th>" + name + "</th><td>" + value + "</td></tr>";
    }

    @Test
    void theFiguresAreTheHosts() throws Exception {
        try (RecordingClient phone = login("alice", ONE, "phone"); RecordingClient laptop = login("alice", ONE, "laptop");
                RecordingClient elsewhere = login("alice", TWO, "phone")) {
            assertThat(admin(ONE).get("/admin/").body()).contains(row("Registered users", 2),
                    row("Online users", 1), row("Online sessions", 2));
            assertThat(admin(TWO).get("/admin/").body()).contains(row("Registered users", 3),
                    row("Online users", 1), row("Online sessions", 1));
        }
    }

    @Test
    void theChatRoomsCountedAreTheHosts() throws Exception {
        try (RecordingClient one = login("alice", ONE, "muc"); RecordingClient two = login("bob", TWO, "muc")) {
            create(one, "lobby@conference." + ONE, "alice");
            create(one, "garden@conference." + ONE, "alice");
            create(two, "lobby@conference." + TWO, "bob");
            AdminWebClient admin = admin(ONE);
            assertThat(admin.get("/admin/").body()).contains(row("Chat rooms", 2));
            assertThat(admin(TWO).get("/admin/").body()).contains(row("Chat rooms", 1));

            admin.submit("/admin/rooms", "/admin/rooms/destroy", "room", "garden@conference." + ONE, "reason", "closed");
            assertThat(admin.get("/admin/").body()).as("a destroyed room is no longer counted")
                    .contains(row("Chat rooms", 1));
            admin.submit("/admin/rooms", "/admin/rooms/destroy", "room", "lobby@conference." + ONE, "reason", "closed");
            admin(TWO).submit("/admin/rooms", "/admin/rooms/destroy", "room", "lobby@conference." + TWO, "reason", "closed");
            assertThat(admin.get("/admin/").body()).contains(row("Chat rooms", 0));
        }
    }

    /** An instant room, whose owner enters it under {@code nick}. */
    private static void create(RecordingClient owner, String room, String nick) throws Exception {
        MultiUserChatManager.getInstanceFor(owner.connection()).getMultiUserChat(JidCreate.entityBareFrom(room))
                .create(Resourcepart.from(nick)).makeInstant();
    }

    @Test
    void anAdministratorOfOneHostCannotDestroyARoomOfAnother() throws Exception {
        try (RecordingClient alice = login("alice", TWO, "muc")) {
            create(alice, "lobby@conference." + TWO, "alice");
            AdminWebClient one = admin(ONE);
            assertThat(one.get("/admin/rooms").body()).doesNotContain("lobby@conference." + TWO);
            one.submit("/admin/rooms", "/admin/rooms/destroy", "room", "lobby@conference." + TWO, "reason", "mine now");
            assertThat(one.get("/admin/rooms").body()).contains("Not done: there is no room lobby@conference." + TWO);
            AdminWebClient two = admin(TWO);
            assertThat(two.get("/admin/rooms").body()).contains("lobby@conference." + TWO, "alice (moderator, owner)");

            two.submit("/admin/rooms", "/admin/rooms/destroy", "room", "lobby@conference." + TWO, "reason", "closed");
            Presence gone = (Presence) alice.await(stanza -> stanza instanceof Presence presence
                    && presence.getType() == Presence.Type.unavailable);
            // The one destruction the room saw is the one of its own host's administrator.
            assertThat(gone.toXML().toString()).contains("<reason>closed</reason>").doesNotContain("mine now");
            assertThat(two.get("/admin/rooms").body()).contains("Destroyed lobby@conference." + TWO);
        }
    }
}
