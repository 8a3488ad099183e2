package im.parley.it.federation;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.RecordingClient;
import im.parley.testkit.TestServer;
import java.net.ServerSocket;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code s2s.require-tls} (the default) against peers played by hand that stay in plain text: a
 * peer that does not start TLS is offered nothing but STARTTLS, marked required (RFC 6120
 * §5.3.1), and anything else it sends ends the stream with policy-violation; a peer that does not
 * offer TLS is sent nothing, and the stanza for it bounces.
 */
class FederationRequireTlsTest {
    /** Plays plain.test's server, which offers no STARTTLS. */
    private static ServerSocket plain;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        plain = new ServerSocket(0);
        plain.setSoTimeout(10_000);
        server = TestServer.start("domain: b.test\n"
                + "s2s:\n  enabled: true\n  bind-address: 127.0.0.1\n  port: 0\n"
                + "  routes:\n    plain.test: 127.0.0.1:" + plain.getLocalPort() + "\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        plain.close();
    }

    @Test
    void aPeerThatDoesNotStartTlsIsOfferedOnlyStarttlsAndRefusedOtherwise() throws Exception {
        try (RawServerStream peer = RawServerStream.connect(server.server().s2sPort())) {
            peer.send(RawServerStream.header("plain.test", "b.test", null));
            String features = peer.await("<stream:features>(.*)</stream:features>").group(1);
            assertThat(features).matches("<starttls xmlns=.urn:ietf:params:xml:ns:xmpp-tls.><required/></starttls>");

            peer.send("<db:result from='plain.test' to='b.test'>0123456789abcdef</db:result>");
            peer.await("<stream:error><policy-violation [^>]*/><text[^>]*>STARTTLS is required first");
        }
    }

    @Test
    void aStanzaForAPeerThatOffersNoTlsBouncesUnsent() throws Exception {
        server.addUser("bob", "bob-pw");
        try (RecordingClient bob = server.login("bob", "bob-pw", "laptop")) {
            bob.send(bob.chat("someone@plain.test", "for your eyes only"));
            try (RawServerStream peer = new RawServerStream(plain.accept())) {
                peer.await("<stream:stream [^>]*>");
                peer.send(RawServerStream.header("plain.test", "b.test", "s1") + "<stream:features>"
                        + "<dialback xmlns='urn:xmpp:features:dialback'><errors/></dialback></stream:features>");
                String received = peer.await("(?s).*</stream:stream>").group();
                assertThat(received).doesNotContain("for your eyes only").doesNotContain("db:result");
            }
            Message bounce = bob.awaitMessage(m -> m.getType() == Message.Type.error);
            assertThat(bounce.getError().getCondition()).isEqualTo(StanzaError.Condition.remote_server_not_found);
        }
    }
}
