package im.parley.it.clients;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.DynamicTest;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;

/**
 * The other party for clients whose scripts need one: a Smack client that answers every chat
 * message with "echo: " and its body, to the sender's full JID, and keeps what it received.
 */
final class SmackEchoPeer implements AutoCloseable {
    private final XMPPTCPConnection connection;
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();

    private SmackEchoPeer(XMPPTCPConnection connection) {
        this.connection = connection;
    }

    /** What a script needs to reach the server and its peer. */
    interface Script {
        List<String> command(TestServer server, String peerJid, Path caFile) throws Exception;
    }

    /**
     * Starts a server with the accounts "alice" (for the client) and "bob" (this peer), runs the
     * script, and returns its scenarios "login" and "message-from-peer" as tests, with
     * "message-to-peer": that this peer received {@code body} from alice.
     */
    static List<DynamicTest> exchange(String suffix, String body, Script script) throws Exception {
        ClientScenarios scenarios;
        List<Message> received;
        try (TestServer server = TestServer.start()) {
            server.addUser("alice", "alice-pw");
            server.addUser("bob", "bob-pw");
            try (SmackEchoPeer peer = login(server, "bob", "bob-pw")) {
                Path caFile = ClientScenarios.pemFile(server.certificate());
                scenarios = ClientScenarios.run(script.command(server, peer.jid(), caFile));
                received = List.copyOf(peer.received);
            }
        }
        List<DynamicTest> tests = new ArrayList<>(scenarios.tests(suffix, List.of("login", "message-from-peer")));
        tests.add(DynamicTest.dynamicTest("message-to-peer " + suffix, () -> assertThat(received)
                .as("messages the Smack peer received")
                .anySatisfy(m -> {
                    assertThat(m.getFrom().asBareJid().toString()).isEqualTo("alice@" + TestServer.DOMAIN);
                    assertThat(m.getBody()).isEqualTo(body);
                })));
        return tests;
    }

    private static SmackEchoPeer login(TestServer server, String user, String password) throws Exception {
        SmackEchoPeer peer = new SmackEchoPeer(server.login(user, password, "smack").connection());
        peer.connection.addAsyncStanzaListener(stanza -> peer.answer((Message) stanza),
                stanza -> stanza instanceof Message m && m.getBody() != null && m.getType() == Message.Type.chat);
        return peer;
    }

    private void answer(Message message) throws SmackException.NotConnectedException, InterruptedException {
        received.add(message);
        connection.sendStanza(connection.getStanzaFactory().buildMessageStanza().ofType(Message.Type.chat)
                .to(message.getFrom()).setBody("echo: " + message.getBody()).build());
    }

    /** Full JID, so the client's message needs no routing choice. */
    String jid() {
        return connection.getUser().toString();
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
