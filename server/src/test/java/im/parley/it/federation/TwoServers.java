package im.parley.it.federation;

import im.parley.testkit.FreePorts;
import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import im.parley.testkit.TestServer;
import java.util.function.Predicate;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * Two Parley servers federating on loopback: {@code a.test} and {@code b.test} (each with its
 * chat rooms at {@code conference.<domain>}), each with a static route to the other's
 * server-to-server port, both ports chosen free before either starts.
 */
public final class TwoServers implements AutoCloseable {
    public final TestServer a;
    public final TestServer b;

    private TwoServers(TestServer a, TestServer b) {
        this.a = a;
        this.b = b;
    }

    /** Starts both, each with a static route to the other and {@code extra} YAML merged into its configuration. */
    public static TwoServers start(String extra) throws Exception {
        return start(TwoServers::staticRoutes, FreePorts.next(), FreePorts.next(), extra, extra);
    }

    /**
     * Starts both on these server-to-server ports, each finding the other as {@code routing} says
     * (the YAML under {@code s2s:} for a peer domain and its port), with YAML of its own merged in.
     */
    static TwoServers start(Routing routing, int portA, int portB, String extraA, String extraB) throws Exception {
        TestServer a = TestServer.start(config("a.test", portA, routing.yaml("b.test", portB)), extraA);
        try {
            return new TwoServers(a, TestServer.start(config("b.test", portB, routing.yaml("a.test", portA)), extraB));
        } catch (Exception | Error e) {
            a.close();
            throw e;
        }
    }

    /** How a server finds its peer: YAML lines under {@code s2s:}, indented by two spaces. */
    interface Routing {
        String yaml(String peer, int peerPort);
    }

    private static String config(String domain, int port, String routing) {
        return "domain: " + domain + "\n"
                + "s2s:\n  enabled: true\n  bind-address: 127.0.0.1\n  port: " + port + "\n" + routing;
    }

    /** Static routes for a peer domain and its chat rooms. */
    static String staticRoutes(String peer, int peerPort) {
        return "  routes:\n"
                + "    " + peer + ": 127.0.0.1:" + peerPort + "\n"
                + "    conference." + peer + ": 127.0.0.1:" + peerPort + "\n";
    }

    /** Creates the account {@code user} (password as {@link ParleyExtension#password}) on a server and logs it in. */
    static RecordingClient user(TestServer server, String user, String resource) throws Exception {
        server.addUser(user, ParleyExtension.password(user));
        return server.login(user, ParleyExtension.password(user), resource);
    }

    /** Chat both ways between a user of each server: the stream each way is authenticated. */
    static void chatBothWays(RecordingClient alice, RecordingClient bob) throws Exception {
        alice.send(alice.chat(bob.jid().asBareJid(), "hello from " + alice.jid().getDomain()));
        assertThat(bob.awaitMessage().getBody()).isEqualTo("hello from " + alice.jid().getDomain());
        bob.send(bob.chat(alice.jid(), "hello from " + bob.jid().getDomain()));
        assertThat(alice.awaitMessage().getBody()).isEqualTo("hello from " + bob.jid().getDomain());
    }

    /**
     * What users of two federated servers do, from the first server's side first: subscribe to
     * each other (each then sees the other online), chat both ways (each message from the
     * sender's full JID), and enter the room the other made on its own server ({@link #roomsBothWays}).
     */
    static void meetAcrossServers(RecordingClient local, String localRoom, RecordingClient remote, String remoteRoom)
            throws Exception {
        subscribeBothWays(local, remote);
        String localJid = local.jid().asBareJid().toString();
        String remoteJid = remote.jid().asBareJid().toString();
        local.send(local.chat(remoteJid, "hello " + remote.jid().getDomain()));
        assertThat(remote.awaitMessage(m -> ("hello " + remote.jid().getDomain()).equals(m.getBody())).getFrom().toString())
                .isEqualTo(local.jid().toString());
        remote.send(remote.chat(localJid, "hello " + local.jid().getDomain()));
        assertThat(local.awaitMessage(m -> ("hello " + local.jid().getDomain()).equals(m.getBody())).getFrom().toString())
                .isEqualTo(remote.jid().toString());

        roomsBothWays(local, localRoom, remote, remoteRoom);
    }

    /** A presence subscription each way between a user of each server (RFC 6121 §3), both sides then online to each other. */
    static void subscribeBothWays(RecordingClient a, RecordingClient b) throws Exception {
        String aJid = a.jid().asBareJid().toString();
        String bJid = b.jid().asBareJid().toString();
        a.send(presence(a, Presence.Type.subscribe, bJid));
        b.await(presenceFrom(Presence.Type.subscribe, aJid));
        b.send(presence(b, Presence.Type.subscribed, aJid));
        a.await(presenceFrom(Presence.Type.available, bJid));
        b.send(presence(b, Presence.Type.subscribe, aJid));
        a.await(presenceFrom(Presence.Type.subscribe, bJid));
        a.send(presence(a, Presence.Type.subscribed, bJid));
        b.await(presenceFrom(Presence.Type.available, aJid));
    }

    /**
     * Chat rooms across servers (XEP-0045): each user creates an instant room on its own server
     * ({@code roomOfA}, {@code roomOfB}), the other enters it, and in each room the owner's message
     * reaches the guest and the guest's answer the owner.
     */
    static void roomsBothWays(RecordingClient a, String roomOfA, RecordingClient b, String roomOfB) throws Exception {
        hostAndTalk(a, b, roomOfA);
        hostAndTalk(b, a, roomOfB);
    }

    private static void hostAndTalk(RecordingClient owner, RecordingClient guest, String room) throws Exception {
        MultiUserChat owned = room(owner, room);
        owned.create(Resourcepart.from(owner.jid().getLocalpart().toString())).makeInstant();
        MultiUserChat joined = room(guest, room);
        joined.join(Resourcepart.from(guest.jid().getLocalpart().toString()));
        owned.sendMessage("welcome to " + room);
        assertThat(nextBody(joined)).isEqualTo("welcome to " + room);
        joined.sendMessage("thanks");
        assertThat(nextBody(owned)).isEqualTo("welcome to " + room);
        assertThat(nextBody(owned)).isEqualTo("thanks");
    }

    private static MultiUserChat room(RecordingClient client, String room) throws Exception {
        return MultiUserChatManager.getInstanceFor(client.connection()).getMultiUserChat(JidCreate.entityBareFrom(room));
    }

    /** The next message with a body (entering also brings the subject). */
    private static String nextBody(MultiUserChat muc) throws Exception {
        Message m;
        do {
            m = muc.nextMessage(10_000);
        } while (m != null && m.getBody() == null);
        return m == null ? null : m.getBody();
    }

    /** A presence of this type from the client to a bare JID. */
    static Presence presence(RecordingClient client, Presence.Type type, String to) throws Exception {
        return client.connection().getStanzaFactory().buildPresenceStanza().ofType(type).to(JidCreate.bareFrom(to))
                .build();
    }

    /** Matches a presence of this type from any resource of a bare JID. */
    static Predicate<Stanza> presenceFrom(Presence.Type type, String bare) {
        return s -> s instanceof Presence p && p.getType() == type && p.getFrom() != null
                && p.getFrom().asBareJid().toString().equals(bare);
    }

    @Override
    public void close() {
        try {
            b.close();
        } finally {
            a.close();
        }
    }
}
