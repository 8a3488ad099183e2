package im.parley.net;

import im.parley.xml.Element;
import im.parley.xmpp.Namespaces;

/** The check of a peer's stream header that every transport makes (RFC 6120 §4.8 namespaces). */
public final class StreamHeaders {
    private StreamHeaders() {
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
