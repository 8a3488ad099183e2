package im.parley.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.RecordingClient;
import im.parley.testkit.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnection;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnectionConfiguration;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.websocket.XmppWebSocketTransportModuleDescriptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/**
 * XMPP over WebSocket (RFC 7395): Smack logs in over ws:// (a plain connection from loopback,
 * which the server trusts as a browser or TLS proxy on the same machine) and chats with a TCP
 * client; a raw client (the JDK's WebSocket) checks the framing over wss://, and XEP-0156's
 * host-meta points to the endpoint.
 */
class WebSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        server.addUser("alice", "alice-pw");
        server.addUser("bob", "bob-pw");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void smackLogsInOverWebSocketAndChatsWithATcpClient() throws Exception {
        ModularXmppClientToServerConnectionConfiguration.Builder builder =
                ModularXmppClientToServerConnectionConfiguration.builder();
        builder.removeAllModules();
        builder.addModule(XmppWebSocketTransportModuleDescriptor.getBuilder(builder)
                .explicitlySetWebSocketEndpointAndDiscovery(
                        "ws://127.0.0.1:" + server.server().httpPort() + "/xmpp-websocket", false).build());
        builder.setXmppDomain("localhost").setUsernameAndPassword("alice", "alice-pw").setResource("browser")
                .setSecurityMode(SecurityMode.disabled);
        ModularXmppClientToServerConnection alice = new ModularXmppClientToServerConnection(builder.build());
        BlockingQueue<Message> toAlice = new LinkedBlockingQueue<>();
        alice.addAsyncStanzaListener(stanza -> toAlice.add((Message) stanza), stanza -> stanza instanceof Message);
        try (RecordingClient bob = server.login("bob", "bob-pw", "desk")) {
            alice.connect().login();
            assertThat(alice.getUser().toString()).isEqualTo("alice@localhost/browser");
            server.awaitAvailable("alice@localhost/browser");

            bob.connection().sendStanza(MessageBuilder.buildMessage().to(JidCreate.from("alice@localhost/browser"))
                    .ofType(Message.Type.chat).setBody("over TCP").build());
            Message received = toAlice.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(received).isNotNull();
            assertThat(received.getBody()).isEqualTo("over TCP");
            assertThat(received.getFrom().toString()).isEqualTo("bob@localhost/desk");

            alice.sendStanza(MessageBuilder.buildMessage().to(JidCreate.from("bob@localhost/desk"))
                    .ofType(Message.Type.chat).setBody("over WebSocket").build());
            assertThat(bob.awaitMessage().getBody()).isEqualTo("over WebSocket");
        } finally {
            alice.disconnect();
        }
    }

    @Test
    void eachElementIsAFrameOfItsOwnAndTheStreamOpensAndClosesWithFramingElements() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(server.sslContext()).build();
        Frames frames = new Frames();
        WebSocket socket = http.newWebSocketBuilder().subprotocols("xmpp")
                .buildAsync(URI.create("wss://localhost:" + server.server().httpsPort() + "/xmpp-websocket"), frames)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(socket.getSubprotocol()).isEqualTo("xmpp");
        socket.sendText("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='localhost' version='1.0'/>", true);
        String open = frames.next();
        assertThat(open).startsWith("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing'").contains("from='localhost'")
                .contains("version='1.0'").endsWith("/>");
        String features = frames.next();
        // Its own document: the stream prefix declared, over TLS so no STARTTLS, and SCRAM with channel binding.
        assertThat(features).startsWith("<stream:features xmlns:stream=\"http://etherx.jabber.org/streams\">")
                .doesNotContain("starttls").contains("SCRAM-SHA-256-PLUS");

        socket.sendText("<iq xmlns='jabber:client' type='get' id='p1' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>", true);
        assertThat(frames.next()).as("an IQ before authentication")
                .startsWith("<stream:error xmlns:stream=\"http://etherx.jabber.org/streams\">");
        assertThat(frames.next()).isEqualTo("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>");
        socket.sendText("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>", true);
        assertThat(frames.closed.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).as("WebSocket close code").isEqualTo(1000);
    }

    @Test
    void hostMetaPointsToTheEndpoint() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(server.sslContext()).build();
        String base = "https://localhost:" + server.server().httpsPort();
        HttpResponse<String> xrd = http.send(HttpRequest.newBuilder(URI.create(base + "/.well-known/host-meta")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(xrd.statusCode()).isEqualTo(200);
        assertThat(xrd.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(xrd.body()).contains("<Link rel='urn:xmpp:alt-connections:websocket' href='wss://localhost:"
                + server.server().httpsPort() + "/xmpp-websocket'/>");
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(base + "/.well-known/host-meta.json"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json.body()).contains("\"href\":\"wss://localhost:" + server.server().httpsPort() + "/xmpp-websocket\"");
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(base + "/nothing-here")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void theListenerServesTheWebClientPageAndRefusesOtherMethods() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + server.server().httpPort();
        HttpResponse<Void> post = http.send(HttpRequest.newBuilder(URI.create(base + "/.well-known/host-meta"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("converse.initialize(").contains("default_domain: 'localhost'")
                .contains("'/xmpp-websocket'");
    }

    @Test
    void aClientThatDoesNotAskForTheXmppSubprotocolIsClosed() throws Exception {
        Frames frames = new Frames();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.server().httpPort() + "/xmpp-websocket"), frames)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        socket.sendText("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='localhost' version='1.0'/>", true);
        assertThat(frames.closed.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).as("closed without a stream").isNotNull();
        assertThat(frames.texts).isEmpty();
    }

    /** Collects the text frames a raw WebSocket client receives, and its close. */
    private static final class Frames implements WebSocket.Listener {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final BlockingQueue<Integer> closed = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.add(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.add(-1);
        }

        String next() throws InterruptedException {
            String text = texts.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(text).as("a frame in time").isNotNull();
            return text;
        }
    }
}
