package im.parley.module;

import im.parley.session.Session;
import im.parley.xml.Element;

/**
 * Handles a top-level element of a bound client stream that is not a stanza (stream management's
 * {@code <r/>}, {@code <a/>}, {@code <enable/>}; client state indication's {@code <active/>} and
 * {@code <inactive/>}), registered by namespace and element name. Runs on the stream's thread,
 * in arrival order with the stream's stanzas.
 */
@FunctionalInterface
public interface StreamElementHandler {
    /**
     * @param session the stream's session
     * @param stream writes non-stanza answers (such as XEP-0198's {@code <a/>}) on the same stream
     */
    void handle(Session session, StreamOutput stream, Element element);

    /** Writes a top-level element on the stream an element came from, outside the session's stanza count. */
    @FunctionalInterface
    interface StreamOutput {
        void send(Element element);
    }
}
