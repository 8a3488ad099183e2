package im.parley.modules.offline;

import im.parley.xml.Element;
import im.parley.xml.XmlLimits;
import im.parley.xml.XmlStreamException;
import im.parley.xml.XmlStreamParser;
import im.parley.xml.XmlWriter;
import im.parley.xmpp.Stanza;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A stanza as it is kept in the store: its XML, written by the server and read back with the stream parser. */
final class StoredStanza {
    private static final String STREAM_HEADER =
            "<stream:stream xmlns='jabber:client' xmlns:stream='" + XmlStreamParser.STREAM_NAMESPACE + "'>";
    /**
     * The server wrote this XML itself from a stanza the stream limits had already let in, so the
     * limits here only need to be loose enough for anything a configuration may allow.
     */
    private static final int MAX_DEPTH = 1024;
    private static final int MAX_ATTRIBUTES = 4096;

    private StoredStanza() {
    }

    static String write(Stanza stanza) {
        return XmlWriter.toXml(stanza.element());
    }

    /**
     * Parses stored XML back into a stanza.
     *
     * @throws IllegalArgumentException if the text is not one stanza
     */
    static Stanza read(String xml) {
        byte[] bytes = (STREAM_HEADER + xml).getBytes(StandardCharsets.UTF_8);
        Element[] parsed = new Element[1];
        XmlStreamParser parser = new XmlStreamParser(new XmlLimits(bytes.length, MAX_DEPTH, MAX_ATTRIBUTES),
                new XmlStreamParser.Listener() {
                    @Override
                    public void streamOpened(Element header, String contentNamespace) {
                    }

                    @Override
                    public void element(Element element) {
                        parsed[0] = element;
                    }

                    @Override
                    public void streamClosed() {
                    }
                });
        try {
            parser.feed(ByteBuffer.wrap(bytes));
        } catch (XmlStreamException e) {
            throw new IllegalArgumentException("stored stanza is not well-formed: " + e.getMessage(), e);
        }
        if (parsed[0] == null) {
            throw new IllegalArgumentException("stored stanza is incomplete");
        }
        return Stanza.of(parsed[0]);
    }
}
