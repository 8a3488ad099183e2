package im.parley.xmpp;

/** The defined stanza error conditions of RFC 6120 §8.3.3, each with the error type it usually takes. */
public enum StanzaError {
    BAD_REQUEST("modify"),
    CONFLICT("cancel"),
    FEATURE_NOT_IMPLEMENTED("cancel"),
    FORBIDDEN("auth"),
    GONE("cancel"),
    INTERNAL_SERVER_ERROR("cancel"),
    ITEM_NOT_FOUND("cancel"),
    JID_MALFORMED("modify"),
    NOT_ACCEPTABLE("modify"),
    NOT_ALLOWED("cancel"),
    NOT_AUTHORIZED("auth"),
    POLICY_VIOLATION("modify"),
    RECIPIENT_UNAVAILABLE("wait"),
    REDIRECT("modify"),
    REGISTRATION_REQUIRED("auth"),
    REMOTE_SERVER_NOT_FOUND("cancel"),
    REMOTE_SERVER_TIMEOUT("wait"),
    RESOURCE_CONSTRAINT("wait"),
    SERVICE_UNAVAILABLE("cancel"),
    SUBSCRIPTION_REQUIRED("auth"),
    UNDEFINED_CONDITION("cancel"),
    UNEXPECTED_REQUEST("wait");

    private final String type;
    private final String elementName;

    StanzaError(String type) {
        this.type = type;
        this.elementName = name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public String type() {
        return type;
    }

    /** The condition's element name, e.g. {@code service-unavailable}. */
    public String elementName() {
        return elementName;
    }
}
