package im.parley.net;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.ParleyServer;
import im.parley.account.AccountService;
import im.parley.testkit.TestServer;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stream management (XEP-0198) on the wire, on the pipeline a client connection gets (Netty's
 * EmbeddedChannel): what Smack never sends (an early {@code <enable/>}, an 'h' too high, another
 * account's resumption id) and the exact elements answered.
 */
class StreamManagementPipelineTest {
    private static final String SM = "urn:xmpp:sm:3";
    private static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    private static final Pattern ID = Pattern.compile("id=\"([^\"]+)\"");

    @TempDir
    static Path data;
    private static ParleyServer server;

    @BeforeAll
    static void open() throws Exception {
        server = ParleyServer.open(TestServer.config(data, "stream-management:\n  request-ack-every: 3\n"));
        server.accounts().create(AccountService.user("alice", server.domain()), "alice-pw");
        server.accounts().create(AccountService.user("bob", server.domain()), "bob-pw");
    }

    @AfterAll
    static void close() {
        server.close();
    }

    private static EmbeddedClientConnection logIn(String user) throws Exception {
        EmbeddedClientConnection client = new EmbeddedClientConnection(server.clientListener().pipeline(false));
        String features = client.logIn(server.certificate(), user, user + "-pw");
        assertThat(features).contains("<sm xmlns=\"" + SM + "\"/>");
        return client;
    }

    private static void bind(EmbeddedClientConnection client, String resource) {
        client.send("<iq type='set' id='b1'><bind xmlns='" + BIND + "'><resource>" + resource + "</resource></bind></iq>");
        assertThat(client.awaitReply("</iq>")).contains("type=\"result\"");
    }

    /** Enables stream management with resumption and returns the resumption id. */
    private static String enable(EmbeddedClientConnection client) {
        client.send("<enable xmlns='" + SM + "' resume='true' max='60'/>");
        String enabled = client.awaitReply("/>");
        assertThat(enabled).startsWith("<enabled xmlns=\"" + SM + "\"").contains("resume=\"true\"")
                .contains("max=\"60\"");
        Matcher id = ID.matcher(enabled);
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    /** Logged in, bound and with stream management enabled. */
    private static EmbeddedClientConnection managed(String user, String resource) throws Exception {
        EmbeddedClientConnection client = logIn(user);
        bind(client, resource);
        enable(client);
        return client;
    }

    private static void ping(EmbeddedClientConnection client, String id) {
        client.send("<iq type='get' id='" + id + "' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
    }

    @Test
    void enablingBeforeBindingFailsAndBindingStillWorks() throws Exception {
        try (EmbeddedClientConnection client = logIn("alice")) {
            client.send("<enable xmlns='" + SM + "'/>");
            assertThat(client.awaitReply("</failed>")).contains("<failed xmlns=\"" + SM + "\">")
                    .contains("<unexpected-request xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/>");
            bind(client, "early");
            assertThat(enable(client)).hasSizeGreaterThanOrEqualTo(24);
        }
    }

    @Test
    void acknowledgementsCountStanzasBothWaysAndTheServerAsksForThem() throws Exception {
        try (EmbeddedClientConnection client = managed("alice", "counting")) {
            client.send("<r xmlns='" + SM + "'/>");
            assertThat(client.awaitReply("/>")).isEqualTo("<a xmlns=\"" + SM + "\" h=\"0\"/>");

            ping(client, "p1");
            ping(client, "p2");
            client.awaitReply("id=\"p2\"");
            client.send("<r xmlns='" + SM + "'/>");
            assertThat(client.awaitReply("<a ")).contains("h=\"2\"");
            // The third stanza sent to the client since enabling: the server asks (request-ack-every: 3).
            ping(client, "p3");
            assertThat(client.awaitReply("<r xmlns=\"" + SM + "\"/>")).contains("id=\"p3\"");

            client.send("<a xmlns='" + SM + "' h='3'/>");
            client.send("<a xmlns='" + SM + "' h='5'/>");
            String error = client.awaitClosed();
            assertThat(error).contains("<undefined-condition xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>")
                    .contains("<handled-count-too-high xmlns=\"" + SM + "\" h=\"5\" send-count=\"3\"/>");
        }
    }

    @Test
    void onlyTheSameAccountResumesAndTheOldConnectionIsClosedWithConflict() throws Exception {
        try (EmbeddedClientConnection old = logIn("alice");
                EmbeddedClientConnection stranger = logIn("bob");
                EmbeddedClientConnection unknown = logIn("alice");
                EmbeddedClientConnection resuming = logIn("alice")) {
            bind(old, "phone");
            String id = enable(old);
            ping(old, "lost");
            old.awaitReply("id=\"lost\"");

            stranger.send("<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
            assertThat(stranger.awaitReply("</failed>")).contains("<item-not-found");
            unknown.send("<resume xmlns='" + SM + "' previd='not" + id + "' h='0'/>");
            assertThat(unknown.awaitReply("</failed>")).contains("<item-not-found");

            // The old connection still looks alive: the new one takes the session over.
            resuming.send("<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
            String resumed = resuming.awaitReply("id=\"lost\"");
            assertThat(resumed).startsWith("<resumed xmlns=\"" + SM + "\" previd=\"" + id + "\" h=\"1\"/>");
            assertThat(old.awaitReply("</stream:stream>")).contains("<conflict");
            resuming.send("<r xmlns='" + SM + "'/>");
            assertThat(resuming.awaitReply("<a ")).contains("h=\"1\"");
        }
    }

    @Test
    void aSessionThatEndedIsNotFoundWithTheCountItHandledToItsOwnUserOnly() throws Exception {
        try (EmbeddedClientConnection old = logIn("alice");
                EmbeddedClientConnection stranger = logIn("bob");
                EmbeddedClientConnection again = logIn("alice")) {
            bind(old, "ending");
            String id = enable(old);
            ping(old, "e1");
            ping(old, "e2");
            old.awaitReply("id=\"e2\"");
            old.send("</stream:stream>");
            old.awaitClosed();

            stranger.send("<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
            assertThat(stranger.awaitReply("</failed>")).startsWith("<failed xmlns=\"" + SM + "\">")
                    .contains("<item-not-found");
            again.send("<resume xmlns='" + SM + "' previd='" + id + "' h='2'/>");
            assertThat(again.awaitReply("</failed>")).startsWith("<failed xmlns=\"" + SM + "\" h=\"2\">")
                    .contains("<item-not-found");
            // XEP-0198 §5: the client may bind a resource on the same stream.
            bind(again, "instead");
        }
    }

    @Test
    void aSecondEnableIsAStreamError() throws Exception {
        try (EmbeddedClientConnection client = managed("bob", "twice")) {
            client.send("<enable xmlns='" + SM + "'/>");
            assertThat(client.awaitClosed()).contains("<policy-violation");
        }
    }
}
