package im.parley.it.web;

import static im.parley.it.web.RawBosh.XBOSH;
import static im.parley.it.web.RawBosh.payloads;
import static im.parley.it.web.RawBosh.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.session.ClientSession;
import im.parley.testkit.RecordingClient;
import im.parley.testkit.TestServer;
import im.parley.xmpp.Jid;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.w3c.dom.Element;

/**
 * BOSH's protocol corners (XEP-0124, XEP-0206) with a raw HTTP client ({@link RawBosh}), the second
 * implementation beside Smack's ({@link BoshTest}): slixmpp has no BOSH transport. The server
 * holds requests for three seconds at most and ends a session after four seconds without one.
 */
class BoshProtocolTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static TestServer server;
    private static RecordingClient bob;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("http:\n  bosh-inactivity-seconds: 4\n  bosh-max-wait-seconds: 3\n",
                "c2s:\n  max-queued-bytes: 65536\nlimits:\n  max-stanza-bytes: 65536\n");
        for (String user : List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace")) {
            server.addUser(user, user + "-pw");
        }
        bob = server.login("bob", "bob-pw", "desk");
    }

    @AfterAll
    static void stop() {
        bob.close();
        server.close();
    }

    @Test
    void theCreationResponseCarriesTheTermsTheStreamAndItsFeatures() throws Exception {
        RawBosh client = new RawBosh(server.server().httpPort());
        HttpResponse<String> response = client.post(client.next("to='localhost' wait='30' hold='1' ver='1.6' "
                + "xmpp:version='1.0' xml:lang='en' content='text/xml; charset=utf-8' ack='1'", ""));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/xml; charset=utf-8");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        Element body = RawBosh.parse(response.body());
        assertThat(body.getAttribute("sid")).hasSizeGreaterThan(16);
        assertThat(body.getAttribute("wait")).as("the client's wait, lowered to the server's").isEqualTo("3");
        assertThat(body.getAttribute("hold")).isEqualTo("1");
        assertThat(body.getAttribute("requests")).isEqualTo("2");
        assertThat(body.getAttribute("inactivity")).isEqualTo("4");
        assertThat(body.getAttribute("polling")).isEqualTo("2");
        assertThat(body.getAttribute("maxpause")).isEqualTo("8");
        assertThat(body.getAttribute("ver")).as("the client's, lower than the server's 1.11").isEqualTo("1.6");
        assertThat(body.getAttribute("ack")).isEqualTo(Long.toString(client.rid));
        assertThat(body.getAttribute("from")).isEqualTo("localhost");
        assertThat(body.getAttribute("authid")).isNotEmpty();
        assertThat(body.getAttributeNS(XBOSH, "version")).isEqualTo("1.0");
        assertThat(body.getAttributeNS(XBOSH, "restartlogic")).isEqualTo("true");
        Element features = payloads(body).get(0);
        assertThat(features.getLocalName()).isEqualTo("features");
        assertThat(text(features)).as("TLS is HTTP's").doesNotContain("starttls").contains("PLAIN");
    }

    @Test
    void aUserLogsInRestartsChatsWithSeveralStanzasPerBodyAndTerminates() throws Exception {
        RawBosh alice = new RawBosh(server.server().httpPort());
        alice.login("alice", "alice-pw", "raw");
        assertThat(alice.awaitPayload(alice.send("<enable xmlns='urn:xmpp:sm:3'/>"), e -> true).getLocalName())
                .isEqualTo("enabled");
        // Two stanzas in one request: the roster request is answered, the presence makes alice available.
        Element roster = alice.awaitPayload(alice.send("<iq xmlns='jabber:client' type='get' id='r1'>"
                + "<query xmlns='jabber:iq:roster'/></iq><presence xmlns='jabber:client'/>"), e -> "r1".equals(e.getAttribute("id")));
        assertThat(roster.getAttribute("type")).isEqualTo("result");
        server.awaitAvailable("alice@localhost/raw");

        // Three messages while no request waits: the next request takes them all, in order.
        ClientSession session = (ClientSession) server.server().sessions().get(Jid.parse("alice@localhost/raw"));
        long sent = session.sentCount();
        for (int i = 1; i <= 3; i++) {
            bob.send(MessageBuilder.buildMessage().to(JidCreate.from("alice@localhost/raw")).ofType(Message.Type.chat)
                    .setBody("tcp " + i).build());
        }
        Awaitility.await().atMost(WAIT).until(() -> session.sentCount() >= sent + 3);
        // (A message the last test's resumed session left unacknowledged may come from offline storage first.)
        List<Element> messages = payloads(alice.send("")).stream().filter(e -> e.getLocalName().equals("message")
                && text(e).contains("tcp ")).toList();
        assertThat(messages).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(messages.get(i).getNamespaceURI()).isEqualTo("jabber:client");
            assertThat(text(messages.get(i))).contains("tcp " + (i + 1));
        }

        alice.send("<message xmlns='jabber:client' to='bob@localhost/desk' type='chat'><body>over BOSH</body></message>");
        assertThat(bob.awaitMessage(m -> "over BOSH".equals(m.getBody())).getFrom().toString()).isEqualTo("alice@localhost/raw");

        // §13: what the terminate request carries is handled before the stream closes.
        Element terminated = alice.request(alice.next("type='terminate'", chat("bob@localhost/desk", "bye")
                + "<presence xmlns='jabber:client' type='unavailable'/>"));
        assertThat(terminated.getAttribute("type")).isEqualTo("terminate");
        assertThat(terminated.hasAttribute("condition")).as("a clean end").isFalse();
        assertThat(bob.awaitMessage(m -> "bye".equals(m.getBody())).getFrom().toString()).isEqualTo("alice@localhost/raw");
        Element after = alice.send("");
        assertThat(after.getAttribute("type")).isEqualTo("terminate");
        assertThat(after.getAttribute("condition")).isEqualTo("item-not-found");
        Awaitility.await().atMost(WAIT).until(() -> server.server().sessions().get(Jid.parse("alice@localhost/raw")) == null);
    }

    /** A stanza of the largest size the server takes fits in a body with another; twice that is refused. */
    @Test
    void aBodyCarriesAStanzaOfTheLargestSize() throws Exception {
        RawBosh frank = new RawBosh(server.server().httpPort());
        frank.login("frank", "frank-pw", "raw");
        String large = "<iq xmlns='jabber:client' type='set' id='large'><query xmlns='jabber:iq:private'>"
                + "<notes xmlns='urn:example:notes'>" + "x".repeat(65_536 - 200) + "</notes></query></iq>";
        String ping = "<iq xmlns='jabber:client' type='get' id='ping'><ping xmlns='urn:xmpp:ping'/></iq>";
        Element stored = frank.awaitPayload(frank.send(large + ping), e -> "large".equals(e.getAttribute("id")));
        assertThat(stored.getAttribute("type")).isEqualTo("result");
        assertThat(frank.post(frank.next("", large.repeat(3))).statusCode()).isEqualTo(413);
    }

    /** §13: a request held when the client terminates acknowledges the end; the terminate request gets an empty body. */
    @Test
    void theOldestOpenRequestAcknowledgesTheTermination() throws Exception {
        RawBosh grace = new RawBosh(server.server().httpPort());
        grace.login("grace", "grace-pw", "raw");
        // Answered in 'rid' order whichever comes first: the empty request is held when the terminate one is taken.
        CompletableFuture<HttpResponse<String>> held = grace.postAsync(grace.next("", ""));
        Element terminating = grace.request(grace.next("type='terminate'", "<presence xmlns='jabber:client' type='unavailable'/>"));
        assertThat(terminating.getAttribute("type")).as("the terminate request's answer").isEmpty();
        Element oldest = RawBosh.parse(held.get(WAIT.toSeconds(), TimeUnit.SECONDS).body());
        assertThat(oldest.getAttribute("type")).as("the held request's answer").isEqualTo("terminate");
        assertThat(oldest.hasAttribute("condition")).as("a clean end").isFalse();
        Awaitility.await().atMost(WAIT).until(() -> server.server().sessions().get(Jid.parse("grace@localhost/raw")) == null);
    }

    @Test
    void aRequestThatComesEarlyWaitsForTheOneBeforeIt() throws Exception {
        RawBosh carol = new RawBosh(server.server().httpPort());
        carol.login("carol", "carol-pw", "raw");
        String first = carol.next("", chat("bob@localhost/desk", "first"));
        String second = carol.next("", chat("bob@localhost/desk", "second"));
        CompletableFuture<HttpResponse<String>> secondAnswer = carol.postAsync(second);
        TimeUnit.MILLISECONDS.sleep(500);
        assertThat(bob.received(Message.class)).as("nothing taken before the gap is filled")
                .noneMatch(m -> "second".equals(m.getBody()));
        HttpResponse<String> firstAnswer = carol.post(first);
        Message one = bob.awaitMessage(m -> m.getFrom().toString().equals("carol@localhost/raw"));
        assertThat(one.getBody()).isEqualTo("first");
        assertThat(bob.awaitMessage(m -> "second".equals(m.getBody())).getFrom().toString()).isEqualTo("carol@localhost/raw");
        assertThat(RawBosh.parse(firstAnswer.body()).getAttribute("ack")).as("answered after the later request came")
                .isEqualTo(Long.toString(carol.rid));
        assertThat(RawBosh.parse(secondAnswer.get(WAIT.toSeconds(), TimeUnit.SECONDS).body()).getAttribute("type")).isEmpty();
    }

    @Test
    void aRepeatedRequestGetsTheSameAnswerUntilItIsNoLongerKept() throws Exception {
        RawBosh dave = new RawBosh(server.server().httpPort());
        dave.login("dave", "dave-pw", "raw");
        String ping = dave.next("", "<iq xmlns='jabber:client' type='get' id='p1' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
        HttpResponse<String> answer = dave.post(ping);
        assertThat(answer.body()).contains("id=\"p1\"");
        // §14.3: the client lost the answer and sends the same request again.
        HttpResponse<String> again = dave.post(ping);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(answer.body());
        // The server keeps as many answers as requests may be open (2): two more push it out.
        for (String id : List.of("p2", "p3")) {
            assertThat(dave.post(dave.next("", "<iq xmlns='jabber:client' type='get' id='" + id
                    + "' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>")).body()).contains("id=\"" + id + "\"");
        }
        Element gone = RawBosh.parse(dave.post(ping).body());
        assertThat(gone.getAttribute("type")).isEqualTo("terminate");
        assertThat(gone.getAttribute("condition")).isEqualTo("item-not-found");
    }

    @Test
    void aRidBeyondTheWindowEndsTheSession() throws Exception {
        RawBosh client = new RawBosh(server.server().httpPort());
        client.create();
        client.rid += 2; // the window is the next two rids
        Element beyond = client.send("");
        assertThat(beyond.getAttribute("type")).isEqualTo("terminate");
        assertThat(beyond.getAttribute("condition")).isEqualTo("item-not-found");
        client.rid -= 3;
        assertThat(client.send("").getAttribute("condition")).as("the session is gone").isEqualTo("item-not-found");
    }

    @Test
    void moreRequestsAtOnceThanAllowedIsAPolicyViolation() throws Exception {
        RawBosh client = new RawBosh(server.server().httpPort());
        client.login("dave", "dave-pw", "many");
        String first = client.next("", chat("bob@localhost/desk", "taken"));
        String second = client.next("", "");
        String third = client.next("", "");
        CompletableFuture<HttpResponse<String>> held = client.postAsync(first);
        // Taken (bob has its message), so held for up to 3 s: the window is now the next two rids.
        bob.awaitMessage(m -> "taken".equals(m.getBody()));
        CompletableFuture<HttpResponse<String>> early = client.postAsync(third);
        TimeUnit.MILLISECONDS.sleep(100);
        // Three open at once (one held, one early, this one) where the session allows two.
        Element refused = RawBosh.parse(client.post(second).body());
        assertThat(refused.getAttribute("type")).isEqualTo("terminate");
        assertThat(refused.getAttribute("condition")).isEqualTo("policy-violation");
        assertThat(held.get(WAIT.toSeconds(), TimeUnit.SECONDS).body()).contains("policy-violation");
        assertThat(early.get(WAIT.toSeconds(), TimeUnit.SECONDS).body()).contains("terminate");
    }

    @Test
    void badInputIsRefusedWithTheConditionsOfTheXep() throws Exception {
        RawBosh client = new RawBosh(server.server().httpPort());
        assertThat(RawBosh.parse(client.post("no XML here").body()).getAttribute("condition")).isEqualTo("bad-request");
        assertThat(RawBosh.parse(client.post("<body xmlns='" + RawBosh.NS + "' to='localhost'/>").body())
                .getAttribute("condition")).as("no rid").isEqualTo("bad-request");
        assertThat(RawBosh.parse(client.post("<body xmlns='" + RawBosh.NS + "' rid='1' sid='nope'/>").body())
                .getAttribute("condition")).as("a wrong sid").isEqualTo("item-not-found");
        assertThat(RawBosh.parse(client.post(client.next("to='nowhere.example' wait='5' hold='1' ver='1.6' "
                + "xmpp:version='1.0'", "")).body()).getAttribute("condition")).isEqualTo("host-unknown");

        RawBosh erin = new RawBosh(server.server().httpPort());
        erin.login("erin", "erin-pw", "raw");
        Element ended = erin.awaitPayload(erin.send("<nonsense xmlns='urn:example'/>"), e -> e.getLocalName().equals("error"));
        assertThat(ended.getNamespaceURI()).isEqualTo("http://etherx.jabber.org/streams");
        assertThat(text(ended)).contains("unsupported-stanza-type");
        assertThat(((Element) ended.getParentNode()).getAttribute("condition")).isEqualTo("remote-stream-error");
    }

    @Test
    void anAbandonedSessionEndsAndStreamManagementResumesIt() throws Exception {
        RawBosh alice = new RawBosh(server.server().httpPort());
        alice.login("alice", "alice-pw", "phone");
        Element enabled = alice.awaitPayload(alice.send("<enable xmlns='urn:xmpp:sm:3' resume='true'/>"), e -> true);
        assertThat(enabled.getLocalName()).isEqualTo("enabled");
        alice.send("<presence xmlns='jabber:client'/>");
        Jid jid = Jid.parse("alice@localhost/phone");
        server.awaitAvailable(jid.toString());
        ClientSession session = (ClientSession) server.server().sessions().get(jid);
        // No more requests: after the inactivity period the session is detached, not ended.
        Awaitility.await().atMost(WAIT.multipliedBy(2)).until(session::detached);
        bob.send(MessageBuilder.buildMessage().to(JidCreate.from("alice@localhost/phone")).ofType(Message.Type.chat)
                .setBody("while away").build());
        assertThat(RawBosh.parse(alice.post(alice.next("", "")).body()).getAttribute("condition")).isEqualTo("item-not-found");

        RawBosh again = new RawBosh(server.server().httpPort());
        Element created = again.create();
        assertThat(text(created)).contains("PLAIN");
        again.awaitPayload(again.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
                + java.util.Base64.getEncoder().encodeToString("\0alice\0alice-pw".getBytes()) + "</auth>"), e -> true);
        again.awaitPayload(again.request(again.next("xmpp:restart='true'", "")), e -> e.getLocalName().equals("features"));
        Element resumed = again.awaitPayload(again.send("<resume xmlns='urn:xmpp:sm:3' h='0' previd='"
                + enabled.getAttribute("id") + "'/>"), e -> true);
        assertThat(resumed.getLocalName()).isEqualTo("resumed");
        Element message = again.awaitPayload(resumed.getOwnerDocument().getDocumentElement(),
                e -> e.getLocalName().equals("message"));
        assertThat(text(message)).contains("while away");
        again.request(again.next("type='terminate'", ""));
    }

    /** An available session that makes no request for now: a pause (§11) keeps it without a request waiting to take what comes. */
    private static RawBosh paused(String user, String resource) throws Exception {
        RawBosh client = new RawBosh(server.server().httpPort());
        client.login(user, user + "-pw", resource);
        client.send("<presence xmlns='jabber:client'/>");
        server.awaitAvailable(user + "@localhost/" + resource);
        assertThat(payloads(client.request(client.next("pause='8'", "")))).isEmpty();
        return client;
    }

    private static void bobChats(String to, String body) throws Exception {
        bob.send(MessageBuilder.buildMessage().to(JidCreate.from(to)).ofType(Message.Type.chat).setBody(body).build());
    }

    @Test
    void aClientThatTakesNothingIsCutOffAtTheCap() throws Exception {
        RawBosh carol = paused("carol", "cap");
        String kilobyte = "x".repeat(1024);
        for (int i = 0; i < 80; i++) {
            bobChats("carol@localhost/cap", kilobyte);
        }
        // No request takes them: past the cap (64 KiB here) the stream ends, and its session with it.
        Awaitility.await().atMost(WAIT).until(() -> server.server().sessions().get(Jid.parse("carol@localhost/cap")) == null);
        Element error = carol.awaitPayload(carol.send(""), e -> e.getLocalName().equals("error"));
        assertThat(text(error)).contains("policy-violation");
    }

    /** What waits for a BOSH client counts in the server's queued bytes, as what waits for a TCP client does. */
    @Test
    void whatWaitsForABoshClientCountsInTheServersQueuedBytes() throws Exception {
        RawBosh dave = paused("dave", "count");
        long before = server.server().queuedOutboundBytes();
        String kilobyte = "k".repeat(1024);
        bobChats("dave@localhost/count", kilobyte);
        Awaitility.await().atMost(WAIT).until(() -> server.server().queuedOutboundBytes() >= before + 1024);
        Element message = dave.awaitPayload(dave.send(""), e -> e.getLocalName().equals("message"));
        assertThat(text(message)).contains(kilobyte);
        Awaitility.await().atMost(WAIT).until(() -> server.server().queuedOutboundBytes() < before + 1024);
        dave.request(dave.next("type='terminate'", ""));
    }

    @Test
    void aPauseIsAnsweredAtOnceAndOutlastsTheInactivityPeriod() throws Exception {
        RawBosh client = new RawBosh(server.server().httpPort());
        client.create();
        long before = System.nanoTime();
        Element paused = client.request(client.next("pause='8'", ""));
        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("not held").isLessThan(Duration.ofMillis(2900));
        assertThat(payloads(paused)).isEmpty();
        TimeUnit.SECONDS.sleep(5); // longer than the inactivity period of 4 s
        assertThat(client.send("").getAttribute("type")).as("still open").isEmpty();
    }

    @Test
    void browsersGetCorsAndHostMetaPointsToTheEndpoint() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + server.server().httpPort();
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(base + "/http-bind"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://web.example")
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        // The HTTP listener answers every route's preflight, BOSH's too: 204, with the allowed origin (http.cors-origins).
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow()).contains("Content-Type");
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(base + "/http-bind")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        HttpResponse<String> hostMeta = http.send(HttpRequest.newBuilder(URI.create(base + "/.well-known/host-meta")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(hostMeta.body()).contains("<Link rel='urn:xmpp:alt-connections:xbosh' href='" + base + "/http-bind'/>");
    }

    @Test
    void aSessionMadeOverHttpsStaysOnHttps() throws Exception {
        int port = server.server().httpsPort();
        RawBosh secure = new RawBosh(URI.create("https://localhost:" + port + "/http-bind"),
                HttpClient.newBuilder().sslContext(server.sslContext()));
        secure.login("erin", "erin-pw", "secure");
        // §15: a request of a secure session over plain HTTP is not taken (its connection is closed).
        RawBosh plain = new RawBosh(server.server().httpPort());
        plain.sid = secure.sid;
        plain.rid = secure.rid;
        assertThatThrownBy(() -> plain.post(plain.next("", chat("bob@localhost/desk", "in the clear"))))
                .hasCauseInstanceOf(java.io.IOException.class);
        assertThat(payloads(secure.send(chat("bob@localhost/desk", "over https")))).isEmpty();
        assertThat(bob.awaitMessage(m -> m.getFrom().toString().equals("erin@localhost/secure")).getBody())
                .as("the plain request was not taken").isEqualTo("over https");
    }

    @Test
    void aPollingSessionMayNotPollTooOftenAndALegacyClientGetsHttpErrors() throws Exception {
        RawBosh polling = new RawBosh(server.server().httpPort());
        Element created = polling.create("to='localhost' wait='0' hold='0' ver='1.6' xmpp:version='1.0'");
        assertThat(created.getAttribute("hold")).isEqualTo("0");
        assertThat(created.getAttribute("requests")).isEqualTo("1");
        // Answered at once, with the stream features if the creation's answer went out before them.
        for (int polls = 0; !payloads(polling.send("")).isEmpty(); polls++) {
            assertThat(polls).as("an empty answer in time").isLessThan(5);
        }
        // §12: another empty poll within the polling interval (2 s) after an empty answer.
        assertThat(polling.send("").getAttribute("condition")).isEqualTo("policy-violation");

        // §17.1: a client without 'ver' gets the HTTP status its version of BOSH knew.
        RawBosh legacy = new RawBosh(server.server().httpPort());
        legacy.create("to='localhost' wait='30' hold='1' xmpp:version='1.0'");
        legacy.rid += 5;
        HttpResponse<String> beyond = legacy.post(legacy.next("", ""));
        assertThat(beyond.statusCode()).isEqualTo(404);
    }

    private static String chat(String to, String body) {
        return "<message xmlns='jabber:client' to='" + to + "' type='chat'><body>" + body + "</body></message>";
    }
}
