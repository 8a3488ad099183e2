package im.parley.net;

import static im.parley.net.EmbeddedClientConnection.SASL;
import static im.parley.net.EmbeddedClientConnection.TLS;
import static im.parley.testkit.RawStream.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import im.parley.ParleyServer;
import im.parley.account.AccountService;
import im.parley.testkit.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Stream negotiation (RFC 6120 §4-§7) on the pipeline a client connection gets, built the way the
 * listener builds it, on Netty's EmbeddedChannel: bytes in, bytes out, no socket. The server
 * behind it is a whole Parley (store, modules) that opened no port.
 */
class ClientPipelineTest {
    private static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";

    @TempDir
    static Path tlsRequiredData;
    @TempDir
    static Path tlsOptionalData;
    private static ParleyServer tlsRequired;
    private static ParleyServer tlsOptional;

    @BeforeAll
    static void open() throws Exception {
        tlsRequired = ParleyServer.open(TestServer.config(tlsRequiredData));
        tlsRequired.accounts().create(AccountService.user("alice", tlsRequired.domain()), "alice-pw");
        tlsOptional = ParleyServer.open(TestServer.config(tlsOptionalData, "c2s:\n  require-tls: false\n"));
    }

    @AfterAll
    static void close() {
        tlsRequired.close();
        tlsOptional.close();
    }

    private static EmbeddedClientConnection connect(ParleyServer server, boolean directTls) {
        return new EmbeddedClientConnection(server.clientListener().pipeline(directTls));
    }

    @Test
    void theServerAnswersTheHeaderWithItsOwnAndOffersOnlyStartTlsWhenTlsIsRequired() {
        try (EmbeddedClientConnection client = connect(tlsRequired, false)) {
            client.send(HEADER);
            String features = client.awaitReply("</stream:features>");
            assertThat(features).startsWith("<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                    + "xmlns:stream='http://etherx.jabber.org/streams' id='").contains("from='localhost' version='1.0'");
            assertThat(features).contains("<starttls xmlns=\"" + TLS + "\"><required/></starttls>")
                    .doesNotContain("<mechanisms");
        }
    }

    @Test
    void withTlsOptionalStartTlsIsOfferedBesideTheMechanisms() {
        try (EmbeddedClientConnection client = connect(tlsOptional, false)) {
            client.send(HEADER);
            String features = client.awaitReply("</stream:features>");
            assertThat(features).contains("<starttls xmlns=\"" + TLS + "\"/>")
                    .contains("<mechanisms xmlns=\"" + SASL + "\">").contains("<mechanism>SCRAM-SHA-256</mechanism>")
                    .as("PLAIN only over TLS").doesNotContain("<mechanism>PLAIN</mechanism>");
        }
    }

    @Test
    void startTlsThenSaslThenBind() throws Exception {
        try (EmbeddedClientConnection client = connect(tlsRequired, false)) {
            client.negotiateTls(tlsRequired.certificate());
            client.send(HEADER);
            String features = client.awaitReply("</stream:features>");
            assertThat(features).doesNotContain("<starttls").contains("<mechanism>PLAIN</mechanism>");

            client.send(EmbeddedClientConnection.plain("alice", "alice-pw"));
            assertThat(client.awaitReply("/>")).contains("<success xmlns=\"" + SASL + "\"");
            client.send(HEADER);
            assertThat(client.awaitReply("</stream:features>")).contains("<bind xmlns=\"" + BIND + "\"/>")
                    .doesNotContain("<mechanisms");

            client.send("<iq type='set' id='b1'><bind xmlns='" + BIND + "'><resource>embedded</resource></bind></iq>");
            assertThat(client.awaitReply("</iq>")).contains("id=\"b1\"").contains("type=\"result\"")
                    .contains("<jid>alice@localhost/embedded</jid>");
        }
    }

    @Test
    void aWrongPasswordIsNotAuthorizedAndTheStreamStaysOpen() throws Exception {
        try (EmbeddedClientConnection client = connect(tlsRequired, false)) {
            client.negotiateTls(tlsRequired.certificate());
            client.send(HEADER);
            client.awaitReply("</stream:features>");
            client.send(EmbeddedClientConnection.plain("alice", "wrong"));
            assertThat(client.awaitReply("</failure>")).contains("<failure xmlns=\"" + SASL + "\"><not-authorized/>");
            assertThat(client.isOpen()).isTrue();
            client.send(EmbeddedClientConnection.plain("alice", "alice-pw"));
            assertThat(client.awaitReply("/>")).contains("<success");
        }
    }

    @Test
    void directTlsOffersTheMechanismsAndNoStartTls() throws Exception {
        try (EmbeddedClientConnection client = connect(tlsRequired, true)) {
            client.startTls(tlsRequired.certificate());
            client.send(HEADER);
            assertThat(client.awaitReply("</stream:features>")).contains("<mechanism>PLAIN</mechanism>")
                    .doesNotContain("<starttls");
        }
    }

    @Test
    void authenticatingBeforeTlsWhenItIsRequiredIsRefused() {
        try (EmbeddedClientConnection client = connect(tlsRequired, false)) {
            client.send(HEADER);
            client.awaitReply("</stream:features>");
            client.send(EmbeddedClientConnection.plain("alice", "alice-pw"));
            assertThat(client.awaitReply("</failure>")).contains("<encryption-required/>");
        }
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "<message><body></message>|not-well-formed",
        "<!-- hello -->|restricted-xml",
        "<message to='alice@localhost'><body>hi</body></message>|not-authorized",
        "<unknown xmlns='urn:example:nothing'/>|unsupported-stanza-type",
    })
    void badInputAfterTheHeaderIsAStreamErrorAndTheConnectionCloses(String input, String condition) {
        try (EmbeddedClientConnection client = connect(tlsRequired, false)) {
            client.send(HEADER);
            client.awaitReply("</stream:features>");
            client.send(input);
            assertThat(client.awaitClosed()).contains("<stream:error><" + condition
                    + " xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"").endsWith("</stream:stream>");
        }
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "to='localhost'|to='example.org'|host-unknown",
        "xmlns='jabber:client'|xmlns='jabber:server'|invalid-namespace",
        "to='localhost' version='1.0'|to='localhost' version='0.9'|unsupported-version",
    })
    void aBadHeaderIsAnsweredWithAHeaderAndAStreamError(String part, String replacement, String condition) {
        try (EmbeddedClientConnection client = connect(tlsRequired, false)) {
            client.send(HEADER.replace(part, replacement));
            String reply = client.awaitClosed();
            assertThat(reply).startsWith("<?xml version='1.0'?><stream:stream ")
                    .contains("<stream:error><" + condition).endsWith("</stream:stream>");
        }
    }
}
