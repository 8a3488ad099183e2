package im.parley.xmpp;

/** An address that is not a valid JID (RFC 7622); answered with {@code jid-malformed}. */
public final class JidFormatException extends IllegalArgumentException {
    public JidFormatException(String message) {
        super(message);
    }
}
