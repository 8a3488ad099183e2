package im.parley.net;

import im.parley.xml.Element;
import im.parley.xml.XmlWriter;
import im.parley.xmpp.Namespaces;

/**
 * Serializes elements inside an open stream: stanzas (in {@link Namespaces#STANZA}) are written in
 * the stream's content namespace, which the header declared as the default, so they carry no
 * {@code xmlns}; stream-level elements ({@code <stream:features/>}, {@code <stream:error/>}) use
 * the {@code stream} prefix the header declared, as clients expect, and so do elements in the
 * namespace of the other prefix a kind of stream declares (XEP-0220's {@code <db:result/>}).
 * Over WebSocket (RFC 7395 §3.3.3) each element is a document of its own: it declares its
 * namespace, and a prefixed element its prefix.
 */
public final class StreamWriter {
    private StreamWriter() {
    }

    /** @param standalone declare every namespace the element uses (a WebSocket frame) */
    public static String toXml(Element element, StreamKind kind, boolean standalone) {
        StringBuilder sb = new StringBuilder(256);
        String contentNamespace = kind.contentNamespace();
        String inScope = standalone ? "" : contentNamespace;
        String namespace = element.namespace();
        String prefix = Namespaces.STREAMS.equals(namespace) ? "stream"
                : namespace.equals(kind.prefixNamespace()) ? kind.prefix() : null;
        if (prefix == null) {
            XmlWriter.write(element, inScope, contentNamespace, sb);
            return sb.toString();
        }
        sb.append('<').append(prefix).append(':').append(element.name());
        if (standalone) {
            sb.append(" xmlns:").append(prefix).append("=\"").append(namespace).append('"');
        }
        for (int i = 0; i < element.attributeCount(); i++) {
            sb.append(' ').append(element.attributeName(i)).append("='");
            XmlWriter.escapeAttribute(element.attributeValue(i), sb);
            sb.append('\'');
        }
        sb.append('>');
        XmlWriter.writeContent(element, inScope, contentNamespace, sb);
        return sb.append("</").append(prefix).append(':').append(element.name()).append('>').toString();
    }
}
