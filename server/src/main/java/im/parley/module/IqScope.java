package im.parley.module;

/** Which addressee an IQ handler answers for (RFC 6120 §10.3 and §10.5). */
public enum IqScope {
    /** Addressed to the server's domain. */
    SERVER,
    /** Addressed to a local account's bare JID, or sent with no 'to' (handled on the account's behalf). */
    ACCOUNT,
    /** Sent on a stream that has not authenticated yet (only in-band registration uses this). */
    UNAUTHENTICATED
}
