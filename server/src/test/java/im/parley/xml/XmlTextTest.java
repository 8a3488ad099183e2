package im.parley.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class XmlTextTest {
    @Test
    void readsBackSeveralElementsWithTheirNamespacesAttributesAndText() {
        List<Element> elements = List.of(
                Element.builder("storage", "storage:bookmarks")
                        .child(Element.builder("conference", "storage:bookmarks").attribute("jid", "a&b@muc")
                                .textChild("nick", "<Hamlet> & \"Ophelia\" 🎭").build())
                        .build(),
                Element.builder("storage", "storage:bookmarks").child(Element.of("url", "urn:other")).build());
        assertThat(XmlText.read(XmlText.write(elements))).isEqualTo(elements);
    }

    @Test
    void aStanzaReadsBackEqualAndACutOneIsRefused() {
        Element message = Element.builder("message", Element.CONTENT_NAMESPACE).attribute("to", "romeo@example.net")
                .textChild("body", "<3 & \"quotes\" 🌹").build();
        assertThat(XmlText.readOne(XmlText.write(message))).isEqualTo(message);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> XmlText.readOne("<message xmlns='jabber:client'><body>cut"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStanzaIsStoredAsJabberClientTextAsRowsWrittenBeforeNeutralStanzas() {
        // A row as offline storage wrote it before stanzas became namespace-neutral.
        String row = "<message xmlns=\"jabber:client\" to=\"romeo@example.net\" type=\"chat\"><body>hi</body>"
                + "<forwarded xmlns=\"urn:xmpp:forward:0\"><message xmlns=\"jabber:client\"><body>fwd</body></message>"
                + "</forwarded></message>";
        Element forwarded = Element.builder("message", "jabber:client").textChild("body", "fwd").build();
        Element message = Element.builder("message", Element.CONTENT_NAMESPACE).attribute("to", "romeo@example.net")
                .attribute("type", "chat").textChild("body", "hi")
                .child(Element.builder("forwarded", "urn:xmpp:forward:0").child(forwarded).build()).build();

        assertThat(XmlText.readOne(row)).isEqualTo(message);
        assertThat(XmlText.write(message)).isEqualTo(row);
    }

    @Test
    void aNeutralStanzaUnderAForeignParentIsStoredAsJabberClient() {
        Element inner = Element.builder("message", Element.CONTENT_NAMESPACE).textChild("body", "fwd").build();
        Element outer = Element.builder("result", "urn:xmpp:mam:2")
                .child(Element.builder("forwarded", "urn:xmpp:forward:0").child(inner).build()).build();

        String row = XmlText.write(outer);

        assertThat(row).contains("<message xmlns=\"jabber:client\"><body>fwd</body></message>");
        Element read = XmlText.readOne(row).child("forwarded", "urn:xmpp:forward:0").firstElement();
        assertThat(read.is("message", "jabber:client")).isTrue();
        assertThat(read.childText("body")).isEqualTo("fwd");
    }

    @Test
    void countsUtf8Bytes() {
        assertThat(XmlText.byteLength("é🎭")).isEqualTo(6);
    }
}
