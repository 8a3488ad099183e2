package im.parley.auth;

/**
 * What the server answers to one client message in a SASL exchange (RFC 6120 §6.4): another
 * {@code <challenge/>}, or the end of the exchange with {@code <success/>} or {@code <failure/>}.
 * Data is raw; the caller base64-encodes it (zero-length data is sent as "=" in a challenge and
 * as an empty element in success).
 */
public sealed interface Step {
    record Challenge(byte[] data) implements Step {
    }

    /**
     * @param username the authenticated account's localpart (normalized); the client's bare JID is
     *     {@code username@domain}
     * @param additionalData data for the {@code <success/>} element; empty when there is none
     */
    record Success(String username, byte[] additionalData) implements Step {
    }

    /** @param text a human-readable reason for {@code <text/>}, or null */
    record Failure(SaslFailure condition, String text) implements Step {
    }
}
