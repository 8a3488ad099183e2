package im.parley.auth;

/**
 * The server side of one SASL exchange. Not thread-safe; one instance per authentication
 * attempt. {@link #evaluate} may look the account up and derive keys, so call it off the network
 * event loop.
 */
public interface SaslServerMechanism {
    /** The mechanism name as offered, e.g. {@code SCRAM-SHA-256-PLUS}. */
    String name();

    /**
     * Processes the next client message.
     *
     * @param clientData the decoded initial response on the first call (empty when the client sent
     *     none), then each decoded {@code <response/>}
     * @throws IllegalStateException if called again after a {@link Step.Success} or {@link Step.Failure}
     * @throws RuntimeException whatever the {@link CredentialStore} throws; the caller should answer
     *     {@link SaslFailure#TEMPORARY_AUTH_FAILURE}
     */
    Step evaluate(byte[] clientData);
}
