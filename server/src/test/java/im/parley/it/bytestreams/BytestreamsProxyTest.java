package im.parley.it.bytestreams;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RawIq;
import im.parley.testkit.RecordingClient;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.bytestreams.BytestreamSession;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5BytestreamManager;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5BytestreamSession;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5Proxy;
import org.jivesoftware.smackx.bytestreams.socks5.packet.Bytestream;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The SOCKS5 bytestreams proxy (XEP-0065) with Smack, whose own local proxy is off so that the
 * bytes can only go through Parley's; and a raw SOCKS5 client for the refusals.
 */
class BytestreamsProxyTest {
    private static final DomainBareJid PROXY = JidCreate.domainBareFromOrThrowUnchecked("proxy.localhost");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob")
            .config("bytestreams-proxy:\n  enabled: true\n  port: 0\n  activation-timeout-seconds: 2\n");
    @Login("alice/desk")
    RecordingClient alice;
    @Login("bob/laptop")
    RecordingClient bob;

    @BeforeAll
    static void noLocalProxy() {
        Socks5Proxy.setLocalSocks5ProxyEnabled(false);
    }

    @Test
    void theProxyIsFoundThroughTheServersItems() throws Exception {
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(alice.connection());
        assertThat(disco.findServices(Bytestream.NAMESPACE, true, false)).containsExactly(PROXY);
        assertThat(disco.discoverInfo(PROXY).hasIdentity("proxy", "bytestreams")).isTrue();
        Bytestream.StreamHost host = streamHost(alice);
        assertThat(host.getJID().toString()).isEqualTo(PROXY.toString());
        assertThat(host.getAddress().toString()).isEqualTo("127.0.0.1");
    }

    @Test
    void aFileGoesBothWaysThroughTheProxy() throws Exception {
        byte[] file = new byte[1 << 20];
        new Random(65).nextBytes(file);
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        Socks5BytestreamManager.getBytestreamManager(bob.connection()).addIncomingBytestreamListener(request -> {
            try {
                BytestreamSession session = request.accept();
                byte[] bytes = new DataInputStream(session.getInputStream()).readNBytes(file.length);
                session.getOutputStream().write("thanks".getBytes(StandardCharsets.US_ASCII));
                session.getOutputStream().flush();
                received.complete(bytes);
                session.close();
            } catch (Exception e) {
                received.completeExceptionally(e);
            }
        });
        Socks5BytestreamManager manager = Socks5BytestreamManager.getBytestreamManager(alice.connection());
        Socks5BytestreamSession session = manager.establishSession(bob.connection().getUser());
        try {
            assertThat(session.isMediated()).as("through the proxy, not directly").isTrue();
            session.getOutputStream().write(file);
            session.getOutputStream().flush();
            assertThat(received.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(file);
            assertThat(session.getInputStream().readNBytes(6)).isEqualTo("thanks".getBytes(StandardCharsets.US_ASCII));
        } finally {
            session.close();
        }
    }

    @Test
    void activationNeedsBothPartiesConnected() throws Exception {
        String requester = alice.connection().getUser().toString();
        String target = bob.connection().getUser().toString();
        assertThat(activate(alice, "no-one", target)).isEqualTo(StanzaError.Condition.not_authorized);
        int port = streamHost(alice).getPort();
        try (Socket one = socks5(port, address("s1", requester, target))) {
            assertThat(activate(alice, "s1", target)).isEqualTo(StanzaError.Condition.not_allowed);
            try (Socket two = socks5(port, address("s1", requester, target));
                    Socket third = new Socket("127.0.0.1", port)) {
                assertThat(refusedRequest(third, address("s1", requester, target))).as("a third party").isEqualTo(1);
                assertThat(activate(alice, "s1", target)).isNull();
                assertThat(activate(alice, "s1", target)).as("activated once").isEqualTo(StanzaError.Condition.not_allowed);
                one.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
                assertThat(two.getInputStream().readNBytes(4)).isEqualTo("ping".getBytes(StandardCharsets.US_ASCII));
            }
        }
        // The target's JID and sid are hashed as the requester sent them: bob asking for alice's stream is not it.
        try (Socket one = socks5(port, address("s2", requester, target)); Socket two = socks5(port, address("s2", requester, target))) {
            assertThat(activate(bob, "s2", target)).isEqualTo(StanzaError.Condition.not_authorized);
        }
    }

    @Test
    void whatXep0065DoesNotUseIsRefused() throws Exception {
        int port = streamHost(alice).getPort();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(new byte[] {5, 1, 2});  // username/password only
            assertThat(socket.getInputStream().readNBytes(2)).containsExactly(5, 0xFF);
            assertThat(socket.getInputStream().read()).as("closed").isEqualTo(-1);
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            greet(socket);
            socket.getOutputStream().write(new byte[] {5, 1, 0, 1, 127, 0, 0, 1, 0, 80});  // an IPv4 address
            assertThat(socket.getInputStream().readNBytes(2)).containsExactly(5, 8);
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            greet(socket);
            socket.getOutputStream().write(new byte[] {5, 2, 0, 3, 1, 'a', 0, 0});  // BIND
            assertThat(socket.getInputStream().readNBytes(2)).containsExactly(5, 7);
        }
    }

    @Test
    void aConnectionNeverActivatedIsClosed() throws Exception {
        try (Socket socket = socks5(streamHost(alice).getPort(), address("idle", "a@localhost/x", "b@localhost/y"))) {
            socket.setSoTimeout(10_000);
            assertThat(socket.getInputStream().read()).as("closed after the activation timeout").isEqualTo(-1);
        }
    }

    private static Bytestream.StreamHost streamHost(RecordingClient client) throws Exception {
        Bytestream request = new Bytestream();
        request.setTo(PROXY);
        request.setType(IQ.Type.get);
        List<Bytestream.StreamHost> hosts = ((Bytestream) client.connection().sendIqRequestAndWaitForResponse(request))
                .getStreamHosts();
        assertThat(hosts).hasSize(1);
        return hosts.getFirst();
    }

    /** Asks the proxy to activate; null when it did, otherwise the error's condition. */
    private static StanzaError.Condition activate(RecordingClient client, String sid, String target) throws Exception {
        RawIq iq = new RawIq(IQ.Type.set, PROXY, "query", Bytestream.NAMESPACE, "<activate>" + target + "</activate>")
                .attribute("sid", sid);
        try {
            client.connection().sendIqRequestAndWaitForResponse(iq);
            return null;
        } catch (XMPPErrorException e) {
            return e.getStanzaError().getCondition();
        }
    }

    private static String address(String sid, String requester, String target) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-1").digest((sid + requester + target).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    /** A SOCKS5 connection that completed XEP-0065's CONNECT to {@code address}. */
    private static Socket socks5(int port, String address) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        greet(socket);
        socket.getOutputStream().write(connect(address));
        InputStream in = socket.getInputStream();
        byte[] reply = in.readNBytes(7 + address.length());
        assertThat(reply[1]).as("succeeded").isEqualTo((byte) 0);
        assertThat(new String(reply, 5, address.length(), StandardCharsets.US_ASCII)).as("BND.ADDR").isEqualTo(address);
        return socket;
    }

    /** Sends a CONNECT on a fresh connection and returns the reply's status. */
    private static int refusedRequest(Socket socket, String address) throws IOException {
        socket.setSoTimeout(5000);
        greet(socket);
        socket.getOutputStream().write(connect(address));
        return socket.getInputStream().readNBytes(2)[1];
    }

    private static void greet(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(new byte[] {5, 1, 0});
        assertThat(socket.getInputStream().readNBytes(2)).containsExactly(5, 0);
    }

    private static byte[] connect(String address) {
        byte[] name = address.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[7 + name.length];
        request[0] = 5;
        request[1] = 1;
        request[3] = 3;
        request[4] = (byte) name.length;
        System.arraycopy(name, 0, request, 5, name.length);
        return request;
    }
}
