package im.parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile or broken input on raw sockets gets the stream error RFC 6120 names, the connection is
 * closed, and a logged-in client goes on being served.
 */
class HostileInputTest {
    private static final String HEADER = "<?xml version='1.0'?><stream:stream to='localhost' version='1.0' "
            + "xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";

    private static TestServer server;
    private static XMPPTCPConnection bystander;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        server.addUser("carol", "pw");
        bystander = server.login("carol", "pw", "watching");
    }

    @AfterAll
    static void stop() throws Exception {
        bystander.disconnect();
        server.close();
    }

    @Test
    void billionLaughsIsRestrictedXml() throws Exception {
        String bomb = "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
                + "<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>]>"
                + "<stream:stream to='localhost' version='1.0' xmlns='jabber:client' "
                + "xmlns:stream='http://etherx.jabber.org/streams'>&lol2;";
        assertStreamError(bomb, "restricted-xml");
    }

    @Test
    void commentIsRestrictedXml() throws Exception {
        assertStreamError(HEADER + "<!-- hello -->", "restricted-xml");
    }

    @Test
    void brokenXmlIsNotWellFormed() throws Exception {
        assertStreamError(HEADER + "<message><body></message>", "not-well-formed");
    }

    @Test
    void oversizedStanzaIsPolicyViolation() throws Exception {
        String huge = "<message><body>" + "x".repeat(300 * 1024) + "</body></message>";
        assertStreamError(HEADER + huge, "policy-violation");
    }

    @Test
    void wrongHostIsHostUnknown() throws Exception {
        assertStreamError(HEADER.replace("to='localhost'", "to='example.org'"), "host-unknown");
    }

    @Test
    void wrongContentNamespaceIsInvalidNamespace() throws Exception {
        assertStreamError(HEADER.replace("jabber:client", "jabber:nonsense"), "invalid-namespace");
    }

    @Test
    void stanzaBeforeAuthenticationIsNotAuthorized() throws Exception {
        assertStreamError(HEADER + "<message to='carol@localhost'><body>hi</body></message>", "not-authorized");
    }

    @Test
    void saslBeforeTlsIsRefusedWhenTlsIsRequired() throws Exception {
        String reply = exchange(HEADER + "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>"
                + "biwsbj11c2VyLHI9ZnlrbytkMmxiYkZnT05Sdjl2cWt4ZHNz</auth>", false);
        assertThat(reply).contains("<encryption-required");
        assertThat(reply).contains("<starttls").contains("<required/>");
    }

    /** Sends the input and expects the named stream error, a closed stream, and a healthy server after. */
    private static void assertStreamError(String input, String condition) throws Exception {
        String reply = exchange(input, true);
        assertThat(reply).contains("<stream:error><" + condition + " xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"");
        assertThat(reply).endsWith("</stream:stream>");
        assertThat(PingManager.getInstanceFor(bystander).pingMyServer(true)).isTrue();
    }

    /** Writes the input and reads the answer until the server closes its stream (or, if not expected to, goes quiet). */
    private static String exchange(String input, boolean expectClose) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(expectClose ? 5000 : 1000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(input.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (java.io.IOException e) {
                // The server may close before it has read everything (e.g. an oversized stanza).
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                // Until the server's closing tag: it then waits for ours (RFC 6120 §4.4) before closing the socket.
                for (int n; !received.toString(StandardCharsets.UTF_8).endsWith("</stream:stream>")
                        && (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                if (expectClose) {
                    throw e;
                }
            } catch (java.net.SocketException e) {
                // connection reset after the server closed: what was read is the answer
            }
            return received.toString(StandardCharsets.UTF_8);
        }
    }
}
