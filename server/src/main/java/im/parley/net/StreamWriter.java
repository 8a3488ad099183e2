package im.parley.net;

import im.parley.xml.Element;
import im.parley.xml.XmlWriter;
import im.parley.xmpp.Namespaces;

/**
 * Serializes elements inside an open stream: stanzas (in {@link Namespaces#STANZA}) are written in
 * the stream's content namespace, which the header declared as the default, so they carry no
 * {@code xmlns}; stream-level elements ({@code <stream:features/>},
 * {@code <stream:error/>}) use the {@code stream} prefix the header declared, as clients expect.
 */
public final class StreamWriter {
    private StreamWriter() {
    }

    public static String toXml(Element element, String contentNamespace) {
        StringBuilder sb = new StringBuilder(256);
        if (Namespaces.STREAMS.equals(element.namespace())) {
            sb.append("<stream:").append(element.name()).append('>');
            for (Object child : element.children()) {
                if (child instanceof Element e) {
                    XmlWriter.write(e, contentNamespace, contentNamespace, sb);
                } else {
                    XmlWriter.escapeText((String) child, sb);
                }
            }
            sb.append("</stream:").append(element.name()).append('>');
        } else {
            XmlWriter.write(element, contentNamespace, contentNamespace, sb);
        }
        return sb.toString();
    }
}
