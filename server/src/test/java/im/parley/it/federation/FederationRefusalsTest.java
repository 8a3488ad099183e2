package im.parley.it.federation;

import im.parley.testkit.FreePorts;
import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.RecordingClient;
import im.parley.testkit.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a Parley server refuses from peers and reports about unreachable ones: a peer its
 * authoritative server does not vouch for, stanzas from a domain a stream did not authenticate or
 * to one not served here, and remote domains whose server is down or silent.
 */
class FederationRefusalsTest {
    /** Plays evil.test's authoritative server: each verification stream gets the next answer. */
    private static ServerSocket authoritative;
    /** Accepts nothing: a peer that never speaks. */
    private static ServerSocket silent;
    /** Plays the servers of the bad-*.test domains, to which b.test opens its outgoing streams. */
    private static ServerSocket peers;
    /** Plays bidi.test's authoritative server, and its server, where b.test would open its own stream. */
    private static ServerSocket bidiServer;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        authoritative = new ServerSocket(0);
        silent = new ServerSocket(0);
        peers = new ServerSocket(0);
        peers.setSoTimeout(10_000);
        bidiServer = new ServerSocket(0);
        int down = FreePorts.next();
        server = TestServer.start("domain: b.test\n"
                + "s2s:\n  enabled: true\n  bind-address: 127.0.0.1\n  port: 0\n  require-tls: false\n"
                + "  connect-timeout-seconds: 2\n"
                + "  routes:\n"
                + "    evil.test: 127.0.0.1:" + authoritative.getLocalPort() + "\n"
                + "    silent.test: 127.0.0.1:" + silent.getLocalPort() + "\n"
                + "    down.test: 127.0.0.1:" + down + "\n"
                + "    bad-ack.test: 127.0.0.1:" + peers.getLocalPort() + "\n"
                + "    bad-xml.test: 127.0.0.1:" + peers.getLocalPort() + "\n"
                + "    bad-from.test: 127.0.0.1:" + peers.getLocalPort() + "\n"
                + "    reverse.test: 127.0.0.1:" + peers.getLocalPort() + "\n"
                + "    bidi.test: 127.0.0.1:" + bidiServer.getLocalPort() + "\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        authoritative.close();
        silent.close();
        peers.close();
        bidiServer.close();
    }

    @Test
    void aPeerWhoseServerVouchesForItsKeyMaySendOnlyFromItsOwnDomain() throws Exception {
        try (RawServerStream peer = authenticated("valid")) {
            peer.send("<message from='eve@evil.test' to='bob@b.test' type='chat'><body>hi</body></message>");
            peer.send("<message from='mallory@other.test' to='bob@b.test' type='chat'><body>hi</body></message>");
            // The first passed: the error names the second's domain.
            peer.await("<stream:error><invalid-from [^>]*/><text[^>]*>other.test is not authenticated");
        }
    }

    /**
     * RFC 6120 §4.9.1.1: nothing after a stream error is processed, not even what came in the same
     * read as the stanza at fault (the stream error decided on the stream's thread, after the event
     * loop had handed it both), nor what follows an error decided on the event loop.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<message from='mallory@other.test' to='nobody@b.test' type='chat'><body>forged</body></message> | invalid-from",
        "<message from='eve@evil.test' to='carol@elsewhere.test' type='chat'><body>x</body></message> | host-unknown",
        "<foo xmlns='urn:example:unknown'/>                                                            | unsupported-stanza-type"})
    void nothingAfterAStreamErrorIsRouted(String breach, String condition) throws Exception {
        String user = condition.replace("-", "");
        server.addUser(user, "pw");
        try (RecordingClient recipient = server.login(user, "pw", "phone")) {
            try (RawServerStream peer = authenticated("valid")) {
                peer.send("<message from='eve@evil.test' to='" + user + "@b.test' type='chat'><body>before</body></message>"
                        + breach
                        + "<message from='eve@evil.test' to='" + user + "@b.test' type='chat'><body>after</body></message>");
                peer.await("<stream:error><" + condition + " ");
            }
            try (RawServerStream peer = authenticated("valid")) {
                peer.send("<message from='eve@evil.test' to='" + user + "@b.test' type='chat'><body>next</body></message>");
                recipient.awaitMessage(m -> "next".equals(m.getBody()));
            }
            assertThat(recipient.received(Message.class)).extracting(Message::getBody).containsExactly("before", "next");
        }
    }

    /**
     * The same on our own stream made bidirectional (XEP-0288): after a stanza the peer may not send
     * on it, nothing the peer sent with it is routed (the sentinel, which the recipient sends itself
     * once the stream is gone, comes after anything the broken stream could still route). Both the
     * element places in {@code ServerStream} and {@code OutgoingStream}'s failed state hold it back.
     */
    @Test
    void nothingAfterAStreamErrorOnABidirectionalOutgoingStreamIsRouted() throws Exception {
        server.addUser("rev", "pw");
        try (RecordingClient rev = server.login("rev", "pw", "phone")) {
            rev.send(rev.chat("someone@reverse.test", "first"));
            try (RawServerStream peer = acceptStream("reverse.test", true)) {
                peer.await("<body>first</body>");
                peer.send("<message from='someone@reverse.test' to='rev@b.test' type='chat'><body>before</body></message>"
                        + "<message from='eve@other.test' to='rev@b.test' type='chat'><body>forged</body></message>"
                        + "<message from='someone@reverse.test' to='rev@b.test' type='chat'><body>after</body></message>");
                peer.await("<stream:error><invalid-from ");
            }
            // What the broken stream left unacknowledged goes on a new one.
            try (RawServerStream next = acceptStream("reverse.test", false)) {
                next.await("<body>first</body>");
            }
            rev.send(rev.chat(rev.jid(), "sentinel"));
            rev.awaitMessage(m -> "sentinel".equals(m.getBody()));
            assertThat(rev.received(Message.class)).extracting(Message::getBody).containsExactly("before", "sentinel");
        }
    }

    /**
     * XEP-0288: a bidirectional stream that ends with a stream error carries none of our stanzas
     * from then on, even while the peer keeps its connection open: the peer's next bidirectional
     * stream takes them (its reverse route is not shadowed by the dead one's).
     */
    @Test
    void aFailedBidirectionalStreamLosesItsReverseRoutesAtOnce() throws Exception {
        server.addUser("dora", "pw");
        try (RecordingClient dora = server.login("dora", "pw", "phone");
                RawServerStream failed = bidiAuthenticated()) {
            failed.send("<foo xmlns='urn:example:unknown'/>");
            failed.await("<stream:error><unsupported-stanza-type ");
            try (RawServerStream next = bidiAuthenticated()) {
                dora.send(dora.chat("someone@bidi.test", "over the new stream"));
                next.await("<body>over the new stream</body>");
            }
        }
    }

    /** A bidirectional stream (XEP-0288) as bidi.test, authenticated by dialback. */
    private static RawServerStream bidiAuthenticated() throws Exception {
        return authenticated(bidiServer, "bidi.test", "valid", true);
    }

    @Test
    void aFailedDialbackAuthorizesNothing() throws Exception {
        try (RawServerStream peer = authenticated("invalid")) {
            peer.send("<message from='eve@evil.test' to='bob@b.test' type='chat'><body>hi</body></message>");
            peer.await("<stream:error><invalid-from ");
        }
    }

    @Test
    void aStanzaToADomainNotServedHereEndsTheStream() throws Exception {
        try (RawServerStream peer = authenticated("valid")) {
            peer.send("<message from='eve@evil.test' to='someone@elsewhere.test' type='chat'><body>hi</body></message>");
            peer.await("<stream:error><host-unknown ");
        }
    }

    /** XEP-0198 on a server stream: 'h' counts the stanzas handled since {@code <enable/>}, none before. */
    @Test
    void streamManagementCountsWhatThePeerSentAfterEnablingIt() throws Exception {
        String unsubscribed = "<presence from='eve@evil.test' to='bob@b.test' type='unsubscribed'/>";
        try (RawServerStream peer = authenticated("valid")) {
            peer.send(unsubscribed);
            peer.send("<enable xmlns='urn:xmpp:sm:3'/>");
            peer.await("<enabled xmlns=.urn:xmpp:sm:3./>");
            peer.send(unsubscribed + unsubscribed + unsubscribed + "<r xmlns='urn:xmpp:sm:3'/>");
            peer.await("<a xmlns=.urn:xmpp:sm:3. h=.3./>");
        }
    }

    @Test
    void streamManagementBeforeAuthenticationIsAnUnexpectedRequest() throws Exception {
        try (RawServerStream peer = RawServerStream.connect(server.server().s2sPort())) {
            peer.send(RawServerStream.header("evil.test", "b.test", null));
            peer.await("<sm xmlns=.urn:xmpp:sm:3./>.*</stream:features>");
            peer.send("<enable xmlns='urn:xmpp:sm:3'/>");
            peer.await("<failed xmlns=.urn:xmpp:sm:3.><unexpected-request ");
        }
    }

    @Test
    void aStreamToADomainNotServedHereIsRefused() throws Exception {
        try (RawServerStream peer = RawServerStream.connect(server.server().s2sPort())) {
            peer.send(RawServerStream.header("evil.test", "elsewhere.test", null));
            peer.await("<stream:error><host-unknown ");
        }
    }

    /** RFC 6120 §4.7.2: a peer names the domain it expects served; a header that names none is refused at once. */
    @Test
    void aStreamHeaderWithoutToIsRefused() throws Exception {
        try (RawServerStream peer = RawServerStream.connect(server.server().s2sPort())) {
            peer.send(RawServerStream.header("evil.test", null, null) + "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl'"
                    + " mechanism='EXTERNAL'>=</auth>");
            peer.await("<stream:error><host-unknown ");
        }
        try (RawServerStream peer = RawServerStream.connect(server.server().s2sPort())) {
            peer.send(RawServerStream.header("evil.test", "b.test", null));
            peer.await("</stream:features>");
        }
    }

    @Test
    void stanzasToAnUnreachableOrSilentServerBounce() throws Exception {
        server.addUser("bob", "bob-pw");
        try (RecordingClient bob = server.login("bob", "bob-pw", "laptop")) {
            bob.send(bob.chat("someone@down.test", "anyone?"));
            assertThat(error(bob.awaitMessage(m -> m.getType() == Message.Type.error
                    && m.getFrom().toString().equals("someone@down.test"))))
                    .isEqualTo(StanzaError.Condition.remote_server_not_found);
            bob.send(bob.chat("someone@silent.test", "anyone?"));
            assertThat(error(bob.awaitMessage(m -> m.getType() == Message.Type.error
                    && m.getFrom().toString().equals("someone@silent.test"))))
                    .isEqualTo(StanzaError.Condition.remote_server_timeout);
        }
    }

    /**
     * A peer that breaks the outgoing stream it authenticated (an acknowledgement of stanzas never
     * sent, malformed XML, a stanza from another domain on the bidirectional stream) gets the stream
     * error, and the stream is gone at once: what it left unacknowledged and the next stanza go out on
     * a new stream without waiting for the peer to close the broken one (the close's grace is 5 s).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bad-ack.test  | <a xmlns='urn:xmpp:sm:3' h='9'/>",
        "bad-xml.test  | <message><body>not closed</message>",
        "bad-from.test | <message from='eve@other.test' to='someone@b.test' type='chat'><body>x</body></message>"})
    void aPeerThatBreaksItsStreamLosesItAtOnce(String domain, String breach) throws Exception {
        String user = domain.substring(0, domain.indexOf('.')).replace("-", "");
        server.addUser(user, "pw");
        try (RecordingClient client = server.login(user, "pw", "phone")) {
            client.send(client.chat("someone@" + domain, "first"));
            try (RawServerStream broken = acceptStream(domain, true)) {
                broken.await("<enable xmlns=.urn:xmpp:sm:3./>");
                broken.send("<enabled xmlns='urn:xmpp:sm:3'/>");
                broken.await("<body>first</body>.*<r xmlns=.urn:xmpp:sm:3./>");
                broken.send(breach);
                broken.await("<stream:error>");

                long start = System.nanoTime();
                client.send(client.chat("someone@" + domain, "second"));
                try (RawServerStream next = acceptStream(domain, false)) {
                    next.await("<body>first</body>");
                    next.await("<body>second</body>");
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
                }
            }
        }
    }

    /**
     * Accepts b.test's next outgoing stream as {@code domain}'s server and lets its dialback pass;
     * offers stream management and bidirectionality (XEP-0288) if {@code features}.
     */
    private static RawServerStream acceptStream(String domain, boolean features) throws IOException {
        RawServerStream peer = new RawServerStream(peers.accept());
        peer.await("<stream:stream [^>]*>");
        peer.send(RawServerStream.header(domain, "b.test", "s1") + "<stream:features>"
                + (features ? "<sm xmlns='urn:xmpp:sm:3'/><bidi xmlns='urn:xmpp:features:bidi'/>" : "")
                + "<dialback xmlns='urn:xmpp:features:dialback'><errors/></dialback></stream:features>");
        peer.await("<db:result [^>]*>[^<]+</db:result>");
        peer.send("<db:result from='" + domain + "' to='b.test' type='valid'/>");
        return peer;
    }

    private static StanzaError.Condition error(Message message) {
        return message.getError().getCondition();
    }

    /** A stream as evil.test, its dialback answered {@code verdict}. */
    private static RawServerStream authenticated(String verdict) throws Exception {
        return authenticated(authoritative, "evil.test", verdict, false);
    }

    /**
     * Opens a stream as {@code domain} (asking for XEP-0288 if {@code bidi}) and asks for dialback;
     * the server checks the key with the domain's authoritative server (played here on
     * {@code itsServer}), which answers {@code verdict}; returns once the server passed it on.
     */
    private static RawServerStream authenticated(ServerSocket itsServer, String domain, String verdict,
            boolean bidi) throws Exception {
        RawServerStream.Dialback dialback = RawServerStream.dialback(server.server().s2sPort(), itsServer,
                domain, "b.test", verdict, bidi);
        // With the db prefix (XEP-0220's form, which ejabberd needs).
        dialback.peer().await("<db:result [^>]*type='" + verdict + "'");
        dialback.answered().join();
        return dialback.peer();
    }
}
