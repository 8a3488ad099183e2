package im.parley.auth;

import java.util.Locale;

/** The SASL failure conditions of RFC 6120 §6.5; each is a child element of {@code <failure/>}. */
public enum SaslFailure {
    ABORTED,
    ACCOUNT_DISABLED,
    CREDENTIALS_EXPIRED,
    ENCRYPTION_REQUIRED,
    INCORRECT_ENCODING,
    INVALID_AUTHZID,
    INVALID_MECHANISM,
    MALFORMED_REQUEST,
    MECHANISM_TOO_WEAK,
    NOT_AUTHORIZED,
    TEMPORARY_AUTH_FAILURE;

    /** The element name, e.g. {@code not-authorized}. */
    public String elementName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
