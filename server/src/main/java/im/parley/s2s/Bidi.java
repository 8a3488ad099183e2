package im.parley.s2s;

import im.parley.xml.Element;
import im.parley.xmpp.JidFormatException;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StreamError;

/**
 * Bidirectional server-to-server streams (XEP-0288): the receiving side offers the feature, the
 * initiating side asks for it with one element, and then either end may send on the stream the
 * stanzas of the pairs the other authenticated, reversed.
 */
final class Bidi {
    static final String FEATURE = "urn:xmpp:features:bidi";
    static final String NAMESPACE = "urn:xmpp:bidi";

    private Bidi() {
    }

    /**
     * The stanza a peer sent, which names both ends (RFC 6120 §8.1.1.2); null when it does not
     * or an address is malformed, after ending the stream with the error RFC 6120 names.
     */
    static Stanza stanza(Element element, ServerStream stream) {
        Stanza stanza;
        try {
            stanza = Stanza.of(element);
        } catch (JidFormatException e) {
            stream.fail(StreamError.IMPROPER_ADDRESSING, "Malformed address: " + e.getMessage());
            return null;
        }
        if (stanza.from() == null || stanza.to() == null) {
            stream.fail(StreamError.IMPROPER_ADDRESSING, "A stanza between servers has 'from' and 'to'");
            return null;
        }
        return stanza;
    }
}
