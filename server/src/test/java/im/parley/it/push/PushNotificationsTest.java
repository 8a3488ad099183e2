package im.parley.it.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import im.parley.testkit.ServerConfig;
import im.parley.xmpp.Jid;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.push_notifications.PushNotificationsManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * Push notifications (XEP-0357) with Smack: alice's phone enables its app server's push service;
 * the app server is an XMPP client of its own (appserver@localhost/push: the server has no
 * components yet) that relays each push it is sent to a small HTTP server, as real app servers
 * relay to APNS or FCM. The test reads what reached the HTTP server.
 */
class PushNotificationsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob", "appserver");
    @Login("appserver/push")
    RecordingClient appServer;
    @Login("alice/phone")
    RecordingClient alice;
    @Login("bob/desk")
    RecordingClient bob;

    private HttpServer http;
    /** The pushes the HTTP server got, as the app server relayed them (the publish IQ's XML). */
    private final List<String> relayed = new CopyOnWriteArrayList<>();
    /** Pushes the app server was sent, answered or not. */
    private final AtomicInteger attempts = new AtomicInteger();

    @BeforeEach
    void startTheHttpServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/push", exchange -> {
            relayed.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        http.start();
    }

    @AfterEach
    void stopTheHttpServer() {
        http.stop(0);
    }

    @Test
    void theAccountAdvertisesPush() throws Exception {
        assertThat(PushNotificationsManager.getInstanceFor(alice.connection()).isSupported()).isTrue();
    }

    @Test
    void aMessageForAnAccountWithNoClientOnlineIsPushedWithItsSenderAndWithoutItsBody() throws Exception {
        relaying();
        enable("phone-node", Map.of("secret", "s3cret"));
        offline(alice);

        bob.send(bob.chat("alice@localhost", "meet me at noon"));

        String push = awaitPush("phone-node");
        assertThat(push).contains("urn:xmpp:push:summary", "<field var='message-count'><value>1</value>",
                "<field var='last-message-sender'><value>bob@localhost/desk</value>",
                "http://jabber.org/protocol/pubsub#publish-options", "<value>s3cret</value>")
                .doesNotContain("meet me at noon", "last-message-body");
    }

    @Test
    void aMessageForADetachedSessionIsPushed() throws Exception {
        relaying();
        enable("phone-node", Map.of());
        alice.connection().instantShutdown();
        await().atMost(WAIT).until(() -> session().detached());

        bob.send(bob.chat(alice, "are you there?"));
        bob.send(bob.chat(alice, "hello?"));

        await().atMost(WAIT).until(() -> relayed.stream().anyMatch(p -> p.contains("<value>2</value>")));
        assertThat(relayed).allSatisfy(p -> assertThat(p).contains("node='phone-node'"));
    }

    @Test
    @ServerConfig("push:\n  include-body: true\n")
    void theBodyIsPushedWhereTheAdministratorSwitchedItOn() throws Exception {
        relaying();
        enable("phone-node", Map.of());
        offline(alice);

        bob.send(bob.chat("alice@localhost", "meet me at noon"));

        assertThat(awaitPush("phone-node")).contains("<field var='last-message-body'><value>meet me at noon</value>");
    }

    @Test
    void aDisabledNodeGetsNoPush() throws Exception {
        relaying();
        enable("kept", Map.of());
        enable("dropped", Map.of());
        assertThat(PushNotificationsManager.getInstanceFor(alice.connection())
                .disable(appServer.jid(), "dropped")).isTrue();
        offline(alice);

        bob.send(bob.chat("alice@localhost", "one"));
        bob.send(bob.chat("alice@localhost", "two"));

        // The second push to the node kept follows any push of the first message to the other.
        await().atMost(WAIT).until(() -> relayed.stream().anyMatch(p -> p.contains("<value>2</value>")));
        assertThat(relayed).isNotEmpty().noneMatch(p -> p.contains("dropped"));
    }

    @Test
    @ServerConfig("push:\n  backoff-initial-seconds: 1\n  max-errors: 2\n")
    void aFailingAppServerIsPausedAfterEachErrorThenDisabled() throws Exception {
        appServer.connection().registerIQRequestHandler(handler(iq -> IQ.createErrorResponse(iq,
                StanzaError.Condition.internal_server_error)));
        enable("phone-node", Map.of());
        offline(alice);

        for (int i = 0; i < 5; i++) {
            bob.send(bob.chat("alice@localhost", "burst " + i));
        }
        await().atMost(WAIT).until(() -> attempts.get() == 1);
        Thread.sleep(300);
        assertThat(attempts).as("one push at a time, none while paused").hasValue(1);

        // The pause after the first error: 1 s.
        Thread.sleep(1000);
        bob.send(bob.chat("alice@localhost", "after the pause"));
        await().atMost(WAIT).until(() -> attempts.get() == 2);

        // The second error in a row disabled it: nothing goes even after the (2 s) pause.
        Thread.sleep(2500);
        bob.send(bob.chat("alice@localhost", "after the second pause"));
        Thread.sleep(500);
        assertThat(attempts).hasValue(2);
    }

    /**
     * Members never miss (issue 13): a room message that mentions a member none of whose sessions
     * is in the room (by the nick it last had there, or a XEP-0372 reference to its JID) is pushed,
     * from the sender's occupant JID; one sent while the member was in the room, or mentioning
     * no one, is not.
     */
    @Test
    void aRoomMessageMentioningAMemberWhoIsAwayIsPushed() throws Exception {
        relaying();
        enable("phone-node", Map.of());
        EntityBareJid team = JidCreate.entityBareFrom("team@conference.localhost");
        MultiUserChat bobsRoom = MultiUserChatManager.getInstanceFor(bob.connection()).getMultiUserChat(team);
        bobsRoom.create(Resourcepart.from("bob")).makeInstant();
        bobsRoom.grantMembership(JidCreate.entityBareFrom("alice@localhost"));
        MultiUserChat alicesRoom = MultiUserChatManager.getInstanceFor(alice.connection()).getMultiUserChat(team);
        alicesRoom.join(Resourcepart.from("Ally"));
        bobsRoom.sendMessage("Ally, while you are here");
        // Entering brought the subject first: she leaves once the mention reached her.
        String seen;
        do {
            seen = alicesRoom.nextMessage(WAIT.toMillis()).getBody();
        } while (!"Ally, while you are here".equals(seen));
        alicesRoom.leave();
        offline(alice);

        bobsRoom.sendMessage("nothing for anyone");
        bobsRoom.sendMessage("ally: the build is red");
        assertThat(awaitPush("phone-node")).contains("<field var='message-count'><value>1</value>",
                "<field var='last-message-sender'><value>team@conference.localhost/bob</value>");
        bobsRoom.sendMessage(bobsRoom.buildMessage().setBody("see above").addExtension(StandardExtensionElement
                .builder("reference", "urn:xmpp:reference:0").addAttribute("type", "mention")
                .addAttribute("uri", "xmpp:alice@localhost").build()));
        await().atMost(WAIT).until(() -> relayed.stream().anyMatch(p -> p.contains("<value>2</value>")));
        Thread.sleep(300);
        assertThat(relayed).noneMatch(p -> p.contains("<value>3</value>"));
    }

    /** The app server answers every push and relays it to the HTTP server, one at a time. */
    private void relaying() {
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/push");
        appServer.connection().registerIQRequestHandler(handler(iq -> {
            try {
                client.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(iq.toXML().toString()))
                        .build(), HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                return IQ.createErrorResponse(iq, StanzaError.Condition.remote_server_timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return IQ.createErrorResponse(iq, StanzaError.Condition.remote_server_timeout);
            }
            return IQ.createResultIQ(iq);
        }));
    }

    /** A handler of pubsub publish requests (XEP-0060) that counts them. */
    private AbstractIqRequestHandler handler(java.util.function.UnaryOperator<IQ> answer) {
        return new AbstractIqRequestHandler("pubsub", "http://jabber.org/protocol/pubsub", IQ.Type.set,
                IQRequestHandler.Mode.sync) {
            @Override
            public IQ handleIQRequest(IQ iq) {
                attempts.incrementAndGet();
                return answer.apply(iq);
            }
        };
    }

    private void enable(String node, Map<String, String> publishOptions) throws Exception {
        assertThat(PushNotificationsManager.getInstanceFor(alice.connection())
                .enable(appServer.jid(), node, publishOptions.isEmpty() ? null : publishOptions)).isTrue();
    }

    /** Logs the client out and waits until the server ended its session. */
    private void offline(RecordingClient client) {
        client.close();
        await().atMost(WAIT).until(() -> session() == null);
    }

    private String awaitPush(String node) {
        await().atMost(WAIT).until(() -> relayed.stream().anyMatch(p -> p.contains("node='" + node + "'")));
        return relayed.stream().filter(p -> p.contains("node='" + node + "'")).findFirst().orElseThrow();
    }

    private im.parley.session.ClientSession session() {
        return (im.parley.session.ClientSession) parley.server().server().sessions()
                .get(Jid.of("alice", parley.server().domain(), "phone"));
    }
}
