package im.parley.net;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.xml.Element;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamWriterTest {
    private static final StreamKind SERVER = new StreamKind("jabber:server", "1.0", null, "db", "jabber:server:dialback");
    private static final String FORWARD = "urn:xmpp:forward:0";

    private static final Stanza MESSAGE = Stanza.of(Element.builder("message", Namespaces.STANZA)
            .attribute("from", "juliet@example.com/balcony").attribute("to", "romeo@example.net")
            .textChild("body", "hi").build());

    @Test
    void aStanzaIsWrittenInTheContentNamespaceOfAnyStreamWithoutDeclaringIt() {
        String expected = "<message from=\"juliet@example.com/balcony\" to=\"romeo@example.net\"><body>hi</body></message>";

        assertThat(StreamWriter.toXml(MESSAGE.element(), StreamKind.CLIENT, false)).isEqualTo(expected);
        assertThat(StreamWriter.toXml(MESSAGE.element(), SERVER, false)).isEqualTo(expected);
    }

    @Test
    void aStanzaNestedUnderAnotherNamespaceDeclaresTheStreamsContentNamespace() {
        Element carbon = Element.builder("message", Namespaces.STANZA).attribute("to", "juliet@example.com/balcony")
                .child(Element.builder("forwarded", FORWARD).child(MESSAGE.element()).build()).build();

        assertThat(StreamWriter.toXml(carbon, StreamKind.CLIENT, false)).isEqualTo(
                "<message to=\"juliet@example.com/balcony\"><forwarded xmlns=\"urn:xmpp:forward:0\">"
                        + "<message xmlns=\"jabber:client\" from=\"juliet@example.com/balcony\" to=\"romeo@example.net\">"
                        + "<body>hi</body></message></forwarded></message>");
        assertThat(StreamWriter.toXml(carbon, SERVER, false)).contains("<message xmlns=\"jabber:server\" from=");
    }

    @Test
    void aForwardedPayloadKeepsTheNamespaceItWasWrittenIn() {
        Element payload = Element.builder("message", Namespaces.CLIENT).textChild("body", "kept").build();
        Element wrapper = Element.builder("message", Namespaces.STANZA)
                .child(Element.builder("forwarded", FORWARD).child(payload).build()).build();

        assertThat(StreamWriter.toXml(wrapper, SERVER, false)).isEqualTo("<message><forwarded xmlns=\"urn:xmpp:forward:0\">"
                + "<message xmlns=\"jabber:client\"><body>kept</body></message></forwarded></message>");
    }

    @Test
    void overWebSocketEachElementDeclaresItsNamespaces() {
        assertThat(StreamWriter.toXml(MESSAGE.element(), StreamKind.CLIENT, true)).startsWith("<message xmlns=\"jabber:client\" from=");
        Element features = Element.builder("features", Namespaces.STREAMS)
                .child(Element.of("bind", "urn:ietf:params:xml:ns:xmpp-bind")).build();
        assertThat(StreamWriter.toXml(features, StreamKind.CLIENT, true)).isEqualTo(
                "<stream:features xmlns:stream=\"http://etherx.jabber.org/streams\">"
                        + "<bind xmlns=\"urn:ietf:params:xml:ns:xmpp-bind\"/></stream:features>");
    }

    @Test
    void anElementInTheNamespaceOfThePrefixTheHeaderDeclaredIsWrittenWithIt() {
        Element result = Element.builder("result", "jabber:server:dialback").attribute("from", "a.test")
                .attribute("to", "b.test").attribute("type", "error")
                .child(Element.builder("error", Namespaces.STANZA).attribute("type", "cancel").build()).build();

        assertThat(StreamWriter.toXml(result, SERVER, false)).isEqualTo(
                "<db:result from='a.test' to='b.test' type='error'><error type=\"cancel\"/></db:result>");
    }

    @Test
    void eachRecipientsCopyOfAFannedOutStanzaIsWrittenAsAFreshOneOnEveryKindOfStream() {
        Stanza shared = Stanza.of(Element.builder("message", Namespaces.STANZA).attribute("from", "room@muc.test/nick")
                .attribute("type", "groupchat").textChild("body", "<3 & \"quotes\" \r")
                .child(Element.builder("forwarded", FORWARD).child(MESSAGE.element()).build()).build());
        for (int i = 0; i < 4; i++) {
            Element copy = shared.withTo(Jid.parse("occupant" + i + "@test/r")).element();
            Element fresh = copy.toBuilder().build();
            for (boolean standalone : List.of(false, true)) {
                for (StreamKind kind : List.of(StreamKind.CLIENT, SERVER)) {
                    assertThat(StreamWriter.toXml(copy, kind, standalone)).isEqualTo(StreamWriter.toXml(fresh, kind, standalone));
                }
            }
            assertThat(StreamWriter.toXml(copy, StreamKind.CLIENT, false)).isEqualTo(
                    "<message from=\"room@muc.test/nick\" type=\"groupchat\" to=\"occupant" + i + "@test/r\">"
                            + "<body>&lt;3 &amp; \"quotes\" &#13;</body><forwarded xmlns=\"urn:xmpp:forward:0\">"
                            + "<message xmlns=\"jabber:client\" from=\"juliet@example.com/balcony\" to=\"romeo@example.net\">"
                            + "<body>hi</body></message></forwarded></message>");
        }
    }

    @Test
    void copiesOfAPrefixedElementAreWrittenAsFreshOnesInBothModes() {
        Element result = Element.builder("result", "jabber:server:dialback").attribute("from", "a.test")
                .child(Element.builder("error", Namespaces.STANZA).attribute("type", "cancel")
                        .child(Element.of("item-not-found", Namespaces.STANZA_ERRORS)).build()).build();
        for (String to : List.of("b.test", "c.test", "d.test")) {
            Element copy = result.withAttribute("to", to);
            for (boolean standalone : List.of(false, true, false)) {
                assertThat(StreamWriter.toXml(copy, SERVER, standalone))
                        .isEqualTo(StreamWriter.toXml(copy.toBuilder().build(), SERVER, standalone));
            }
        }
    }
}
