package im.parley.it;

import static im.parley.testkit.RawStream.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RawStream;
import im.parley.testkit.RecordingClient;
import java.time.Duration;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile or broken input on raw sockets gets the stream error RFC 6120 names, the connection is
 * closed, and a logged-in client goes on being served.
 */
class HostileInputTest {
    @RegisterExtension
    static final ParleyExtension parley = new ParleyExtension().users("carol");
    @Login("carol/watching")
    static RecordingClient bystander;

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
        String reply = RawStream.untilQuiet(parley.server().port(), HEADER
                + "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>"
                + "biwsbj11c2VyLHI9ZnlrbytkMmxiYkZnT05Sdjl2cWt4ZHNz</auth>", Duration.ofSeconds(1));
        assertThat(reply).contains("<encryption-required");
        assertThat(reply).contains("<starttls").contains("<required/>");
    }

    /** Sends the input and expects the named stream error, a closed stream, and a healthy server after. */
    private static void assertStreamError(String input, String condition) throws Exception {
        String reply = RawStream.untilClosed(parley.server().port(), input, Duration.ofSeconds(5));
        assertThat(reply).contains("<stream:error><" + condition + " xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"");
        assertThat(reply).endsWith("</stream:stream>");
        assertThat(PingManager.getInstanceFor(bystander.connection()).pingMyServer(true)).isTrue();
    }
}
