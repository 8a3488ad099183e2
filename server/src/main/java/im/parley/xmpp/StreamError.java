package im.parley.xmpp;

import im.parley.xml.Element;

/** The stream error conditions of RFC 6120 §4.9.3; a stream error is always followed by closing the stream. */
public enum StreamError {
    BAD_FORMAT, BAD_NAMESPACE_PREFIX, CONFLICT, CONNECTION_TIMEOUT, HOST_GONE, HOST_UNKNOWN, IMPROPER_ADDRESSING,
    INTERNAL_SERVER_ERROR, INVALID_FROM, INVALID_NAMESPACE, INVALID_XML, NOT_AUTHORIZED, NOT_WELL_FORMED,
    POLICY_VIOLATION, REMOTE_CONNECTION_FAILED, RESET, RESOURCE_CONSTRAINT, RESTRICTED_XML, SEE_OTHER_HOST,
    SYSTEM_SHUTDOWN, UNDEFINED_CONDITION, UNSUPPORTED_ENCODING, UNSUPPORTED_FEATURE, UNSUPPORTED_STANZA_TYPE,
    UNSUPPORTED_VERSION;

    private final String elementName = name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');

    public String elementName() {
        return elementName;
    }

    /** The condition named by an element name such as {@code restricted-xml}; undefined-condition if unknown. */
    public static StreamError fromElementName(String name) {
        for (StreamError e : values()) {
            if (e.elementName.equals(name)) {
                return e;
            }
        }
        return UNDEFINED_CONDITION;
    }

    /** The {@code <stream:error/>} element, with an optional human-readable text. */
    public Element toElement(String text) {
        return toElement(text, null);
    }

    /**
     * The {@code <stream:error/>} element, with an optional text and an optional
     * application-specific condition (RFC 6120 §4.9.4, e.g. XEP-0198's handled-count-too-high).
     */
    public Element toElement(String text, Element applicationCondition) {
        Element.Builder b = Element.builder("error", Namespaces.STREAMS)
                .child(Element.of(elementName, Namespaces.STREAM_ERRORS));
        if (text != null && !text.isEmpty()) {
            b.child(Element.builder("text", Namespaces.STREAM_ERRORS).attribute("xml:lang", "en").text(text).build());
        }
        if (applicationCondition != null) {
            b.child(applicationCondition);
        }
        return b.build();
    }
}
