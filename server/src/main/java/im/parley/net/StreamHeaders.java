package im.parley.net;

import im.parley.xml.Element;
import im.parley.xml.XmlWriter;
import im.parley.xmpp.Namespaces;

/** Stream headers: the server's, as every transport writes it, and the check of a peer's (RFC 6120 §4.7, §4.8). */
public final class StreamHeaders {
    private StreamHeaders() {
    }

    /**
     * The server's stream header for a stream of this kind; attributes that are null are left out.
     * Over WebSocket (RFC 7395 §3.3.2) it is an {@code <open/>} element, a document of its own.
     */
    public static String open(StreamKind kind, boolean webSocket, String from, String to, String id) {
        StringBuilder sb = new StringBuilder(256);
        if (webSocket) {
            sb.append("<open xmlns='").append(WebSocketFraming.FRAMING).append('\'');
        } else {
            sb.append("<?xml version='1.0'?><stream:stream xmlns='").append(kind.contentNamespace())
                    .append("' xmlns:stream='").append(Namespaces.STREAMS).append('\'');
            if (kind.prefix() != null) {
                sb.append(" xmlns:").append(kind.prefix()).append("='").append(kind.prefixNamespace()).append('\'');
            }
        }
        attribute("id", id, sb);
        attribute("from", from, sb);
        attribute("to", to, sb);
        attribute("version", kind.version(), sb);
        attribute("xml:lang", kind.lang(), sb);
        return sb.append(webSocket ? "/>" : ">").toString();
    }

    private static void attribute(String name, String value, StringBuilder sb) {
        if (value != null) {
            sb.append(' ').append(name).append("='");
            XmlWriter.escapeAttribute(value, sb);
            sb.append('\'');
        }
    }

    /**
     * Why a header does not open a stream whose content namespace is {@code expected} (the text of
     * an {@code invalid-namespace} stream error), or null when it does.
     */
    public static String invalidNamespace(Element header, String contentNamespace, String expected) {
        if (!header.is("stream", Namespaces.STREAMS)) {
            return "The stream element must be in " + Namespaces.STREAMS;
        }
        if (!expected.equals(contentNamespace)) {
            return "The stream's content namespace must be " + expected;
        }
        return null;
    }
}
