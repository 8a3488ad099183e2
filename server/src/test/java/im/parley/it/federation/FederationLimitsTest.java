package im.parley.it.federation;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.RecordingClient;
import im.parley.testkit.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.IntStream;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Limits and abuse (peers played by hand, as in {@link FederationRefusalsTest}): a blocked domain
 * refused both ways, the streams one peer domain may have at once, its stanzas paced to its
 * rate, none dropped, and the dialback verification streams a flood of requests makes us open.
 */
class FederationLimitsTest {
    private static final int STANZAS_PER_SECOND = 50;

    /** Plays the authoritative server of the peer domains: each verification stream gets 'valid'. */
    private static ServerSocket authoritative;
    /** Plays flood.test's authoritative server, counting the verification streams it is sent. */
    private static ServerSocket floodAuthoritative;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        authoritative = new ServerSocket(0);
        floodAuthoritative = new ServerSocket(0);
        String route = ": 127.0.0.1:" + authoritative.getLocalPort() + "\n";
        server = TestServer.start("domain: b.test\n"
                + "s2s:\n  enabled: true\n  bind-address: 127.0.0.1\n  port: 0\n  require-tls: false\n"
                + "  blocked-domains: [blocked.test]\n  max-streams-per-domain: 2\n"
                + "  stanzas-per-second: " + STANZAS_PER_SECOND + "\n"
                + "  routes:\n    busy.test" + route + "    paced.test" + route + "    blocked.test" + route
                + "    flood.test: 127.0.0.1:" + floodAuthoritative.getLocalPort() + "\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        authoritative.close();
        floodAuthoritative.close();
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

    /**
     * XEP-0220 §2.3: a peer sending many dialback requests for one domain makes us open at most four
     * verification streams to that domain's server at once; 64 more requests wait their turn, and
     * one beyond is refused with resource-constraint (§2.4). The authoritative server holds the
     * first streams unanswered while it counts them, then answers every one.
     */
    @Test
    void verificationStreamsToOneDomainAreCapped() throws Exception {
        int streams = 4;
        int waiting = 64;
        try (RawServerStream peer = RawServerStream.connect(server.server().s2sPort())) {
            peer.send(RawServerStream.header("flood.test", "b.test", null));
            peer.await("</stream:features>");
            StringBuilder flood = new StringBuilder();
            // Spelled three ways: one domain all the same (RFC 7622).
            List<String> spellings = List.of("flood.test", "FLOOD.test", "Flood.Test");
            for (int i = 0; i <= streams + waiting; i++) {
                flood.append("<db:result from='").append(spellings.get(i % 3)).append("' to='b.test'>key").append(i)
                        .append("</db:result>");
            }
            peer.send(flood.toString());

            List<Socket> held = new ArrayList<>();
            floodAuthoritative.setSoTimeout(1_000);
            try {
                while (held.size() <= streams + waiting) {
                    held.add(floodAuthoritative.accept());
                }
            } catch (SocketTimeoutException e) {
                // No more come while these are held.
            }
            assertThat(held).hasSize(streams);
            peer.await("<db:result [^>]*type='error'[^>]*><error [^>]*><resource-constraint ");

            held.forEach(FederationLimitsTest::answerInvalid);
            floodAuthoritative.setSoTimeout(10_000);
            for (int i = 0; i < waiting; i++) {
                answerInvalid(floodAuthoritative.accept());
            }
            peer.await("<db:result [^>]*type='invalid'", streams + waiting);
        }
    }

    /** Answers a verification stream as flood.test's authoritative server: the key is not one it made. */
    private static void answerInvalid(Socket socket) {
        Thread.ofVirtual().start(() -> {
            try (RawServerStream verifier = new RawServerStream(socket)) {
                verifier.send(RawServerStream.header("flood.test", "b.test", "v")
                        + "<stream:features><dialback xmlns='urn:xmpp:features:dialback'/></stream:features>");
                Matcher request = verifier.await("<db:verify [^>]*id='([^']*)'[^>]*>");
                verifier.send("<db:verify from='flood.test' to='b.test' id='" + request.group(1) + "' type='invalid'/>");
                verifier.await("</stream:stream>");
            } catch (IOException | AssertionError e) {
                // The peer's await then misses this answer and fails the test.
            }
        });
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
