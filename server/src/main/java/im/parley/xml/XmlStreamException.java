package im.parley.xml;

/**
 * The input cannot be accepted as an XMPP stream. {@link #condition()} is the RFC 6120 §4.9.3
 * stream error condition to send before closing the stream.
 */
public final class XmlStreamException extends Exception {
    /** RFC 6120 §4.9.3.1: character data at stream level, where only elements may appear. */
    public static final String BAD_FORMAT = "bad-format";
    /** RFC 6120 §4.9.3.10: the root element is not {@code <stream>} in the stream namespace. */
    public static final String INVALID_NAMESPACE = "invalid-namespace";
    /** RFC 6120 §4.9.3.13: malformed XML, including an undeclared namespace prefix. */
    public static final String NOT_WELL_FORMED = "not-well-formed";
    /** RFC 6120 §4.9.3.14: a size, depth or attribute limit was exceeded. */
    public static final String POLICY_VIOLATION = "policy-violation";
    /** RFC 6120 §4.9.3.18 and §11.1: DTD, comment, processing instruction or entity reference. */
    public static final String RESTRICTED_XML = "restricted-xml";
    /** RFC 6120 §4.9.3.22 and §11.6: the stream is declared in an encoding other than UTF-8. */
    public static final String UNSUPPORTED_ENCODING = "unsupported-encoding";

    private static final long serialVersionUID = 1L;

    private final String condition;

    public XmlStreamException(String condition, String message) {
        super(message);
        this.condition = condition;
    }

    public XmlStreamException(String condition, String message, Throwable cause) {
        super(message, cause);
        this.condition = condition;
    }

    /** The stream error condition, e.g. {@code "not-well-formed"}. */
    public String condition() {
        return condition;
    }

    @Override
    public String toString() {
        return condition + ": " + getMessage();
    }
}
