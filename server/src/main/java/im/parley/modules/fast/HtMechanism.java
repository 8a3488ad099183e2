package im.parley.modules.fast;

import im.parley.auth.SaslFailure;
import im.parley.auth.SaslServerMechanism;
import im.parley.auth.Step;
import im.parley.auth.TlsInfo;
import im.parley.xmpp.Jid;
import im.parley.xmpp.JidFormatException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The server side of the HT-SHA-256 token mechanisms (draft-schmaus-kitten-sasl-ht, as XEP-0484
 * uses them): one client message, {@code authcid NUL HMAC(token, "Initiator" || cb-data)}, and on
 * success {@code HMAC(token, "Responder" || cb-data)} as additional data. The channel-binding
 * variant is in the name: NONE, ENDP (tls-server-end-point), EXPR (tls-exporter); UNIQ
 * (tls-unique) is never offered, as TLS 1.3 does not define it.
 */
final class HtMechanism implements SaslServerMechanism {
    static final String PREFIX = "HT-SHA-256-";

    /** The variants Parley offers, with the channel-binding type each one binds with (null: none). */
    enum Binding {
        NONE(null), ENDP(TlsInfo.TLS_SERVER_END_POINT), EXPR(TlsInfo.TLS_EXPORTER);

        final String type;

        Binding(String type) {
            this.type = type;
        }

        String mechanismName() {
            return PREFIX + name();
        }

        /** The variant a mechanism name names, if Parley has it. */
        static Optional<Binding> of(String mechanism) {
            return Arrays.stream(values()).filter(b -> b.mechanismName().equals(mechanism)).findFirst();
        }

        /** The variants a connection can do: NONE always, the others where it has their channel binding. */
        static List<Binding> offered(TlsInfo tls) {
            return Arrays.stream(values()).filter(b -> b.type == null || tls.channelBindingTypes().contains(b.type))
                    .toList();
        }
    }

    private final Binding binding;
    private final String host;
    private final TlsInfo tls;
    private final FastTokens tokens;
    private final Predicate<Jid> accountExists;
    private final String agent;
    private final boolean invalidate;
    private boolean done;

    /**
     * @param accountExists asked after a token matched: tokens go with their account, and this holds
     *     even if that clean-up failed
     * @param agent the SASL2 user-agent id the token must have been issued to (null: no token matches)
     * @param invalidate whether the token is to be invalidated once it authenticated (XEP-0484 §3.6)
     */
    HtMechanism(Binding binding, String host, TlsInfo tls, FastTokens tokens, Predicate<Jid> accountExists,
            String agent, boolean invalidate) {
        this.binding = binding;
        this.host = host;
        this.tls = tls;
        this.tokens = tokens;
        this.accountExists = accountExists;
        this.agent = agent;
        this.invalidate = invalidate;
    }

    @Override
    public String name() {
        return binding.mechanismName();
    }

    @Override
    public Step evaluate(byte[] clientData) {
        if (done) {
            throw new IllegalStateException("SASL exchange already finished");
        }
        done = true;
        int nul = indexOfNul(clientData);
        if (nul <= 0 || nul == clientData.length - 1) {
            return new Step.Failure(SaslFailure.MALFORMED_REQUEST, "expected authcid NUL initiator hash");
        }
        Jid user;
        try {
            user = Jid.of(Jid.enforceLocal(utf8(Arrays.copyOf(clientData, nul))), host, null);
        } catch (JidFormatException | CharacterCodingException e) {
            return new Step.Failure(SaslFailure.NOT_AUTHORIZED, null);
        }
        if (agent == null) {
            return new Step.Failure(SaslFailure.NOT_AUTHORIZED, "FAST tokens are bound to a user-agent id");
        }
        byte[] channelBinding = binding.type == null ? new byte[0] : tls.channelBindingData(binding.type);
        byte[] proof = Arrays.copyOfRange(clientData, nul + 1, clientData.length);
        FastTokens.Verified verified = tokens.verify(user, agent, name(), proof, channelBinding, invalidate);
        return switch (verified) {
            case FastTokens.Verified.Valid valid -> accountExists.test(user)
                    ? new Step.Success(user.local(), valid.responder())
                    : new Step.Failure(SaslFailure.NOT_AUTHORIZED, null);
            case FastTokens.Verified.Expired expired -> new Step.Failure(SaslFailure.CREDENTIALS_EXPIRED, null);
            case FastTokens.Verified.Invalid invalid -> new Step.Failure(SaslFailure.NOT_AUTHORIZED, null);
        };
    }

    private static int indexOfNul(byte[] data) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String utf8(byte[] data) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data)).toString();
    }
}
