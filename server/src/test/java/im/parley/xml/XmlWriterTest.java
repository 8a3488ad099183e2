package im.parley.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class XmlWriterTest {
    private static final String CLIENT = "jabber:client";

    /** A room message as fanned out: nested namespaces, a stanza under a payload, text and attributes needing escapes. */
    private static Element message() {
        Element quoted = Element.builder("message", Element.CONTENT_NAMESPACE).attribute("from", "a&b@example.com")
                .textChild("body", "quoted <b>\r\n</b>").build();
        return Element.builder("message", Element.CONTENT_NAMESPACE).attribute("from", "room@muc.example.com/nick")
                .attribute("type", "groupchat")
                .textChild("body", "<3 & \"quotes\" 'apos' > \r\t🎭")
                .child(Element.builder("html", "http://jabber.org/protocol/xhtml-im")
                        .child(Element.builder("body", "http://www.w3.org/1999/xhtml").attribute("xml:lang", "en")
                                .attribute("style", "a<\"b\">\n\t").text("x &amp; y").build())
                        .build())
                .child(Element.builder("forwarded", "urn:xmpp:forward:0").child(quoted).build())
                .child(Element.builder("stanza-id", "urn:xmpp:sid:0").attribute("{urn:x}by", "room@muc.example.com").build())
                .text("tail & text")
                .build();
    }

    /** The same element built anew, with children that were never written. */
    private static Element fresh(Element element) {
        return element.toBuilder().build();
    }

    @Test
    void copiesForEachRecipientAreWrittenAsTheirOwnFreshElementsAre() {
        Element shared = message();
        for (int i = 0; i < 5; i++) {
            Element copy = shared.withAttribute("to", "occupant" + i + "@example.com/\"res\"");
            for (String content : List.of(CLIENT, "jabber:server", Element.CONTENT_NAMESPACE)) {
                assertThat(XmlWriter.toXml(copy, content)).isEqualTo(XmlWriter.toXml(fresh(copy), content));
            }
            StringBuilder nested = new StringBuilder();
            XmlWriter.write(copy, "urn:xmpp:forward:0", CLIENT, nested);
            assertThat(nested.toString()).isEqualTo(freshWrite(copy, "urn:xmpp:forward:0", CLIENT));
        }
    }

    @Test
    void theContentIsKeptOnlyFromItsSecondWriteInOneContextOn() {
        Element shared = message();
        XmlWriter.toXml(shared.withAttribute("to", "a@example.com"), CLIENT);
        assertThat(shared.content().written).isNotInstanceOf(Element.Content.Memo.class);

        String second = XmlWriter.toXml(shared.withAttribute("to", "b@example.com"), CLIENT);
        assertThat(shared.content().written).isInstanceOf(Element.Content.Memo.class);
        assertThat(second).isEqualTo(XmlWriter.toXml(fresh(shared.withAttribute("to", "b@example.com")), CLIENT));
        for (Object child : shared.children()) {
            if (child instanceof Element e) {
                assertThat(e.content().written).as("descendants are covered by the outermost memo").isNull();
            }
        }
    }

    @Test
    void aWriteInAnotherContextNeitherUsesNorReplacesTheMemo() {
        Element shared = message();
        XmlWriter.toXml(shared, CLIENT);
        XmlWriter.toXml(shared, CLIENT);
        Object memo = shared.content().written;

        Element copy = shared.withAttribute("to", "b@remote.example");
        assertThat(XmlWriter.toXml(copy, "jabber:server")).isEqualTo(XmlWriter.toXml(fresh(copy), "jabber:server"))
                .contains("<message xmlns=\"jabber:server\" from=\"a&amp;b@example.com\">");
        assertThat(shared.content().written).isSameAs(memo);
    }

    @Test
    void writingForLogsLeavesTheContentAlone() {
        Element shared = message();
        shared.toString();
        shared.toString();
        assertThat(shared.content().written).isNull();
    }

    @Test
    void copiesWrittenConcurrentlyForTheFirstTimeComeOutRight() throws Exception {
        Element shared = message();
        String expected = XmlWriter.toXml(fresh(shared.withAttribute("to", "x@example.com")), CLIENT);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> writes = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                writes.add(() -> XmlWriter.toXml(shared.withAttribute("to", "x@example.com"), CLIENT));
            }
            for (Future<String> written : threads.invokeAll(writes)) {
                assertThat(written.get()).isEqualTo(expected);
            }
        } finally {
            threads.shutdown();
        }
    }

    private static String freshWrite(Element element, String inScope, String content) {
        StringBuilder out = new StringBuilder();
        XmlWriter.write(fresh(element), inScope, content, out);
        return out.toString();
    }
}
