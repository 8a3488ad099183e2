package im.parley.it.federation;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.RecordingClient;
import im.parley.testkit.TestServer;
import java.net.ServerSocket;
import java.util.List;
import java.util.stream.IntStream;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Limits and abuse (peers played by hand, as in {@link FederationRefusalsTest}): a blocked domain
 * refused both ways, the streams one peer domain may have at once, and its stanzas paced to its
 * rate, none dropped.
 */
class FederationLimitsTest {
    private static final int STANZAS_PER_SECOND = 50;

    /** Plays the authoritative server of the peer domains: each verification stream gets 'valid'. */
    private static ServerSocket authoritative;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        authoritative = new ServerSocket(0);
        String route = ": 127.0.0.1:" + authoritative.getLocalPort() + "\n";
        server = TestServer.start("domain: b.test\n"
                + "s2s:\n  enabled: true\n  bind-address: 127.0.0.1\n  port: 0\n  require-tls: false\n"
                + "  blocked-domains: [blocked.test]\n  max-streams-per-domain: 2\n"
                + "  stanzas-per-second: " + STANZAS_PER_SECOND + "\n"
                + "  routes:\n    busy.test" + route + "    paced.test" + route + "    blocked.test" + route);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        authoritative.close();
    }

    @Test
    void aStreamFromABlockedDomainIsRefused() throws Exception {
        try (RawServerStream peer = RawServerStream.connect(server.server().s2sPort())) {
            peer.send(RawServerStream.header("blocked.test", "b.test", null));
            peer.await("<stream:error><policy-violation [^>]*/><text[^>]*>blocked.test is blocked");
        }
    }

    @Test
    void aDialbackRequestForABlockedDomainIsRefused() throws Exception {
        try (RawServerStream peer = RawServerStream.connect(server.server().s2sPort())) {
            peer.send(RawServerStream.header("busy.test", "b.test", null));
            peer.await("</stream:features>");
            peer.send("<db:result from='sub.blocked.test' to='b.test'>0123456789abcdef</db:result>");
            peer.await("<stream:error><policy-violation ");
        }
    }

    @Test
    void aMessageToABlockedDomainBouncesNotAllowed() throws Exception {
        server.addUser("bob", "bob-pw");
        try (RecordingClient bob = server.login("bob", "bob-pw", "laptop")) {
            bob.send(bob.chat("someone@blocked.test", "hello?"));
            Message bounce = bob.awaitMessage(m -> m.getType() == Message.Type.error);
            assertThat(bounce.getError().getCondition()).isEqualTo(StanzaError.Condition.not_allowed);
        }
    }

    /** Two streams authenticated for busy.test at once (the limit), a third refused; one closed frees its place. */
    @Test
    void aPeerDomainHasAtMostItsStreams() throws Exception {
        try (RawServerStream first = authenticated("busy.test");
                RawServerStream second = authenticated("busy.test");
                RawServerStream third = dialback("busy.test")) {
            third.await("<stream:error><policy-violation [^>]*/><text[^>]*>Too many streams from busy.test");
            first.close();
            // The place is free once the server has seen the close: a bounded number of tries.
            boolean admitted = false;
            for (int i = 0; i < 20 && !admitted; i++) {
                try (RawServerStream again = dialback("busy.test")) {
                    admitted = again.await("<db:result [^>]*type='valid'|<stream:error>").group().contains("valid");
                }
            }
            assertThat(admitted).isTrue();
        }
    }

    /** A peer sending three times its rate: everything arrives, in order, at the rate after the first second's burst. */
    @Test
    void aFastPeerIsPacedNotDropped() throws Exception {
        server.addUser("carl", "carl-pw");
        int count = STANZAS_PER_SECOND * 3;
        try (RecordingClient carl = server.login("carl", "carl-pw", "laptop");
                RawServerStream peer = authenticated("paced.test")) {
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < count; i++) {
                burst.append("<message from='pat@paced.test' to='carl@b.test' type='chat'><body>").append(i)
                        .append("</body></message>");
            }
            long start = System.nanoTime();
            peer.send(burst.toString());
            List<Message> received = carl.awaitReceived(Message.class, count);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(received).extracting(Message::getBody).containsExactlyElementsOf(
                    IntStream.range(0, count).mapToObj(Integer::toString).toList());
            // One second's stanzas at once, the other two seconds' at the rate.
            assertThat(millis).isGreaterThanOrEqualTo(1_500);
        }
    }

    /** A stream from {@code domain} whose dialback succeeded. */
    private static RawServerStream authenticated(String domain) throws Exception {
        RawServerStream peer = dialback(domain);
        peer.await("<db:result [^>]*type='valid'");
        return peer;
    }

    /** A stream from {@code domain} that asked for dialback, the key vouched for by its authoritative server. */
    private static RawServerStream dialback(String domain) throws Exception {
        return RawServerStream.dialback(server.server().s2sPort(), authoritative, domain, "b.test", "valid").peer();
    }
}
