package im.parley.modules.roster;

import im.parley.xml.Element;
import im.parley.xml.XmlLimits;
import im.parley.xml.XmlStreamException;
import im.parley.xml.XmlStreamParser;
import im.parley.xmpp.Namespaces;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A stanza kept in the database as XML text, read back with the server's own (restricted) XML
 * parser so that stored text gets the same checks as text from the network.
 */
public final class StoredStanza {
    /** Stored stanzas passed the connection's limits once; these only have to be at least as wide. */
    private static final XmlLimits LIMITS = new XmlLimits(Integer.MAX_VALUE, 1024, 1024);
    private static final String OPEN = "<stream:stream xmlns='" + Namespaces.CLIENT + "' xmlns:stream='"
            + Namespaces.STREAMS + "'>";

    private StoredStanza() {
    }

    public static String toXml(Element stanza) {
        return stanza.toString();
    }

    /** Parses text written by {@link #toXml}. */
    public static Element parse(String xml) {
        Element[] parsed = new Element[1];
        XmlStreamParser parser = new XmlStreamParser(LIMITS, new XmlStreamParser.Listener() {
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
            parser.feed(ByteBuffer.wrap((OPEN + xml).getBytes(StandardCharsets.UTF_8)));
        } catch (XmlStreamException e) {
            throw new IllegalStateException("stored stanza is not valid XML: " + e.getMessage(), e);
        }
        if (parsed[0] == null) {
            throw new IllegalStateException("stored stanza is incomplete");
        }
        return parsed[0];
    }
}
