package im.parley.xml;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Elements kept as XML text in the store (offline messages, subscription requests, vCards,
 * private XML) and read back. Each element is written declaring its own namespace; reading
 * reuses the stream parser with the stored elements as the children of a stream, so stored text
 * is held to the same XML rules as anything a client sends.
 *
 * <p>Stored text is written as a client stream would carry it: an element in {@link
 * Element#CONTENT_NAMESPACE} (a stanza) declares {@code jabber:client}, so rows are the same as
 * those written before stanzas became namespace-neutral, and reading maps {@code jabber:client}
 * back to the content namespace by the parser's rule (a stanza and its chain of descendants in that
 * namespace; a forwarded payload keeps its own).
 */
public final class XmlText {
    /** The content namespace of stored text: {@code jabber:client}, the format rows have always had. */
    private static final String STORED_CONTENT_NAMESPACE = "jabber:client";
    private static final String OPEN = "<stream:stream xmlns='" + STORED_CONTENT_NAMESPACE
            + "' xmlns:stream='" + XmlStreamParser.STREAM_NAMESPACE + "'>";
    private static final String CLOSE = "</stream:stream>";

    private XmlText() {
    }

    public static String write(Element element) {
        return XmlWriter.toXml(element, STORED_CONTENT_NAMESPACE);
    }

    /** The elements as one text, each declaring its own namespace. */
    public static String write(List<Element> elements) {
        StringBuilder out = new StringBuilder();
        elements.forEach(e -> XmlWriter.write(e, "", STORED_CONTENT_NAMESPACE, out));
        return out.toString();
    }

    /** The size of stored text as it counts against quotas: its UTF-8 bytes. */
    public static int byteLength(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The one element {@link #write(Element)} wrote; throws {@link IllegalArgumentException} otherwise. */
    public static Element readOne(String xml) {
        List<Element> elements = read(xml);
        if (elements.size() != 1) {
            throw new IllegalArgumentException("stored XML holds " + elements.size() + " elements, not one");
        }
        return elements.get(0);
    }

    /** The elements {@link #write} wrote; throws {@link IllegalArgumentException} for text that is not such XML. */
    public static List<Element> read(String xml) {
        List<Element> elements = new ArrayList<>();
        byte[] bytes = (OPEN + xml + CLOSE).getBytes(StandardCharsets.UTF_8);
        // Stored text was accepted from a client within the stanza limits; only its size may have grown.
        XmlLimits limits = new XmlLimits(Math.max(bytes.length, XmlLimits.DEFAULT_MAX_STANZA_BYTES),
                XmlLimits.DEFAULT_MAX_DEPTH, XmlLimits.DEFAULT_MAX_ATTRIBUTES);
        boolean[] complete = new boolean[1];
        XmlStreamParser parser = new XmlStreamParser(limits, new XmlStreamParser.Listener() {
            @Override
            public void streamOpened(Element header, String contentNamespace) {
            }

            @Override
            public void element(Element element) {
                elements.add(element);
            }

            @Override
            public void streamClosed() {
                complete[0] = true;
            }
        });
        try {
            parser.feed(ByteBuffer.wrap(bytes));
        } catch (XmlStreamException e) {
            throw new IllegalArgumentException("stored XML is not readable: " + e.getMessage(), e);
        }
        if (!complete[0]) {
            throw new IllegalArgumentException("stored XML is incomplete");
        }
        return elements;
    }
}
