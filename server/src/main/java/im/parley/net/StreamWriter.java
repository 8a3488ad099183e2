package im.parley.net;

import im.parley.xml.Element;
import im.parley.xml.XmlWriter;
import im.parley.xmpp.Namespaces;

/**
 * Serializes elements inside an open client stream: stanzas inherit the stream's default
 * namespace ({@code jabber:client}), and stream-level elements ({@code <stream:features/>},
 * {@code <stream:error/>}) use the {@code stream} prefix the header declared, as clients expect.
 */
final class StreamWriter {
    private StreamWriter() {
    }

    static String toXml(Element element, String contentNamespace) {
        StringBuilder sb = new StringBuilder(256);
        if (Namespaces.STREAMS.equals(element.namespace())) {
            sb.append("<stream:").append(element.name()).append('>');
            for (Object child : element.children()) {
                if (child instanceof Element e) {
                    XmlWriter.write(e, contentNamespace, sb);
                } else {
                    XmlWriter.escapeText((String) child, sb);
                }
            }
            sb.append("</stream:").append(element.name()).append('>');
        } else {
            XmlWriter.write(element, contentNamespace, sb);
        }
        return sb.toString();
    }
}
