package im.parley.net;

import im.parley.xml.Element;
import im.parley.xml.XmlWriter;
import im.parley.xmpp.Namespaces;

/**
 * Serializes elements inside an open stream: stanzas (in {@link Namespaces#STANZA}) are written in
 * the stream's content namespace, which the header declared as the default, so they carry no
 * {@code xmlns}; stream-level elements ({@code <stream:features/>},
 * {@code <stream:error/>}) use the {@code stream} prefix the header declared, as clients expect.
 * Over WebSocket (RFC 7395 §3.3.3) each element is a document of its own: it declares its
 * namespace, and a stream-level element the {@code stream} prefix.
 */
public final class StreamWriter {
    private StreamWriter() {
    }

    public static String toXml(Element element, String contentNamespace) {
        return toXml(element, contentNamespace, false);
    }

    /** @param standalone declare every namespace the element uses (a WebSocket frame) */
    public static String toXml(Element element, String contentNamespace, boolean standalone) {
        StringBuilder sb = new StringBuilder(256);
        String inScope = standalone ? "" : contentNamespace;
        if (Namespaces.STREAMS.equals(element.namespace())) {
            sb.append("<stream:").append(element.name());
            if (standalone) {
                sb.append(" xmlns:stream=\"").append(Namespaces.STREAMS).append('"');
            }
            sb.append('>');
            for (Object child : element.children()) {
                if (child instanceof Element e) {
                    XmlWriter.write(e, inScope, contentNamespace, sb);
                } else {
                    XmlWriter.escapeText((String) child, sb);
                }
            }
            sb.append("</stream:").append(element.name()).append('>');
        } else {
            XmlWriter.write(element, inScope, contentNamespace, sb);
        }
        return sb.toString();
    }
}
