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
        Element message = Element.builder("message", "jabber:client").attribute("to", "romeo@example.net")
                .textChild("body", "<3 & \"quotes\" 🌹").build();
        assertThat(XmlText.readOne(XmlText.write(message))).isEqualTo(message);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> XmlText.readOne("<message xmlns='jabber:client'><body>cut"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsUtf8Bytes() {
        assertThat(XmlText.byteLength("é🎭")).isEqualTo(6);
    }
}
