package im.parley.modules.privatexml;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.xml.Element;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredXmlTest {
    @Test
    void readsBackSeveralElementsWithTheirNamespacesAttributesAndText() {
        List<Element> elements = List.of(
                Element.builder("storage", "storage:bookmarks")
                        .child(Element.builder("conference", "storage:bookmarks").attribute("jid", "a&b@muc")
                                .textChild("nick", "<Hamlet> & \"Ophelia\" 🎭").build())
                        .build(),
                Element.builder("storage", "storage:bookmarks").child(Element.of("url", "urn:other")).build());
        assertThat(StoredXml.read(StoredXml.write(elements))).isEqualTo(elements);
    }

    @Test
    void countsUtf8Bytes() {
        assertThat(StoredXml.byteLength("é🎭")).isEqualTo(6);
    }
}
