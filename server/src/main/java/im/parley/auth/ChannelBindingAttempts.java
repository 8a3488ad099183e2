package im.parley.auth;

/**
 * What a client's SCRAM -PLUS attempts on one stream showed, so that a later plain SCRAM exchange
 * can tell a client that lacks our channel-binding types from a downgrade (see
 * {@link #yMeansDowngrade()}). One instance per stream; its SASL steps run one at a time.
 */
public final class ChannelBindingAttempts {
    private boolean triedTypeNotOffered;
    private boolean bindingMismatched;

    /** The client asked for -PLUS with a channel-binding type this connection does not have. */
    void typeNotOffered() {
        triedTypeNotOffered = true;
    }

    /** The client bound with a type we offer, and its data differed from ours. */
    void bindingMismatched() {
        bindingMismatched = true;
    }

    /**
     * Whether a GS2 flag "y" ("I support channel binding, the server does not") is a downgrade on
     * a connection that offers channel binding.
     *
     * <p>RFC 5802 §6 says it always is: the server offered -PLUS, so a client that would bind only
     * says "y" when someone stripped the -PLUS mechanisms from its view. XEP-0440 (Security
     * Considerations) shows where that breaks: a client may support only binding types the server
     * lacks (slixmpp 1.8 knows only tls-unique, which TLS 1.3 does not define and Parley therefore
     * never offers). Such a client tries -PLUS, is refused, and falls back to plain SCRAM, where it
     * honestly says "y" and, under the RFC's rule, can never log in.
     *
     * <p>So "y" is accepted only from a client that, on this very stream, asked for -PLUS with a
     * type that this connection does not offer: it saw the -PLUS mechanisms (nothing stripped them
     * from its view), and the type it named shows the gap XEP-0440 describes. Every other "y" is
     * still refused: a client that never tried -PLUS (the stripped list the RFC guards against),
     * and a client whose binding with a type we offer did not match ours, which is what a
     * man-in-the-middle with a certificate the client trusts looks like (the client's TLS session
     * is not ours), so falling back there would hand the attacker the downgrade.
     *
     * <p>What remains: nothing a client sends before its SCRAM exchange is authenticated, so an
     * attacker who knows this rule can forge a -PLUS attempt with a type we lack before relaying
     * the client's "y". Against that only the client helps, as XEP-0440 asks: a client that sees
     * -PLUS and the advertised types must bind with tls-server-end-point (which Parley always
     * offers with TLS) instead of falling back.
     */
    boolean yMeansDowngrade() {
        return !triedTypeNotOffered || bindingMismatched;
    }
}
