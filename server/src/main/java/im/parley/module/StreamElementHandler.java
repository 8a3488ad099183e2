package im.parley.module;

import im.parley.session.ClientSession;
import im.parley.xml.Element;
import im.parley.xmpp.StreamError;

/**
 * Handles a top-level element of a bound client stream that is not a stanza (stream management's
 * {@code <r/>}, {@code <a/>}, {@code <enable/>}; client state indication's {@code <active/>} and
 * {@code <inactive/>}), registered by namespace and element name. Runs on the stream's thread,
 * in arrival order with the stream's stanzas.
 */
@FunctionalInterface
public interface StreamElementHandler {
    /**
     * A handler that throws ends the stream with internal-server-error (and is logged).
     *
     * @param session the stream's session
     * @param stream writes non-stanza answers (such as XEP-0198's {@code <a/>}) on the same stream
     */
    void handle(ClientSession session, StreamOutput stream, Element element);

    /** The stream an element came from. */
    interface StreamOutput {
        /** Writes a top-level element, in order with the session's stanzas and outside their count. */
        void send(Element element);

        /** Ends the stream with a stream error, with an optional application-specific condition (RFC 6120 §4.9.4). */
        void fail(StreamError error, String text, Element applicationCondition);
    }
}
