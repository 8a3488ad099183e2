package im.parley.auth;

/**
 * A client message that does not follow the mechanism's syntax; answered with
 * {@link SaslFailure#MALFORMED_REQUEST}. Carries no stack trace: it is an expected outcome of
 * hostile input, not a bug.
 */
final class MalformedSaslMessage extends Exception {
    MalformedSaslMessage(String message) {
        super(message, null, false, false);
    }
}
