package im.parley.auth;

import im.parley.auth.ClientFirstMessage.ChannelBindingFlag;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The server side of SCRAM (RFC 5802, RFC 7677), with or without channel binding ("-PLUS").
 *
 * <p>The exchange is: client-first, server-first (challenge), client-final, then success carrying
 * server-final ("v=ServerSignature") as additional data. Any failure ends the exchange. The
 * server-first-message carries XEP-0474's downgrade protection hash ("h") of the mechanisms and
 * channel-binding types the stream offered.
 */
final class ScramMechanism implements SaslServerMechanism {
    private enum State { AWAITING_CLIENT_FIRST, AWAITING_CLIENT_FINAL, DONE }

    private final ScramHash hash;
    private final boolean plus;
    private final TlsInfo tls;
    private final Accounts accounts;
    private final Supplier<String> serverNonces;
    private final ChannelBindingAttempts attempts;
    private final Advertisement advertised;

    private State state = State.AWAITING_CLIENT_FIRST;
    // Remembered between the two client messages:
    private ClientFirstMessage clientFirst;
    private String username;
    private Accounts.Lookup account;
    private String serverFirst;
    private String nonce;
    private byte[] expectedChannelBinding;

    /**
     * @param plus whether this is the -PLUS variant, which requires channel binding
     * @param serverNonces fresh server nonce parts: printable ASCII without ",", unpredictable
     * @param attempts what the client's -PLUS attempts on this stream showed; this exchange adds to it
     * @param advertised what the stream offered, signed into the exchange (XEP-0474)
     */
    ScramMechanism(ScramHash hash, boolean plus, TlsInfo tls, Accounts accounts, Supplier<String> serverNonces,
            ChannelBindingAttempts attempts, Advertisement advertised) {
        this.hash = hash;
        this.plus = plus;
        this.tls = tls;
        this.accounts = accounts;
        this.serverNonces = serverNonces;
        this.attempts = attempts;
        this.advertised = advertised;
    }

    @Override
    public String name() {
        return plus ? hash.plusMechanismName() : hash.mechanismName();
    }

    @Override
    public Step evaluate(byte[] clientData) {
        Step step;
        try {
            step = switch (state) {
                case AWAITING_CLIENT_FIRST -> onClientFirst(ClientFirstMessage.parse(SaslText.utf8(clientData)));
                case AWAITING_CLIENT_FINAL -> onClientFinal(ClientFinalMessage.parse(SaslText.utf8(clientData)));
                case DONE -> throw new IllegalStateException("SASL exchange already finished");
            };
        } catch (MalformedSaslMessage e) {
            step = new Step.Failure(SaslFailure.MALFORMED_REQUEST, e.getMessage());
        }
        state = step instanceof Step.Challenge ? State.AWAITING_CLIENT_FINAL : State.DONE;
        return step;
    }

    private Step onClientFirst(ClientFirstMessage message) {
        Optional<Step.Failure> bindingRefused = refuseChannelBindingChoice(message);
        if (bindingRefused.isPresent()) {
            return bindingRefused.get();
        }
        Optional<String> normalized = accounts.normalizeUsername(message.username());
        if (normalized.isEmpty()) {
            return new Step.Failure(SaslFailure.NOT_AUTHORIZED, null);
        }
        if (!accounts.authorizes(message.authzid(), normalized.get())) {
            return new Step.Failure(SaslFailure.INVALID_AUTHZID, null);
        }
        clientFirst = message;
        expectedChannelBinding = channelBindingInput(message);
        username = normalized.get();
        account = accounts.credential(username, hash);
        nonce = message.nonce() + serverNonces.get();
        ScramCredential credential = account.credential();
        // XEP-0474: "h" carries the hash of what was offered; the AuthMessage, and so the proofs, include it.
        serverFirst = "r=" + nonce + ",s=" + SaslText.base64(credential.salt()) + ",i=" + credential.iterations()
                + ",h=" + advertised.downgradeProtectionHash(hash);
        return new Step.Challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * RFC 5802 §6: -PLUS needs "p=" with a type this connection has; the plain variant must not
     * get "p=", and gets "y" on a connection that offers binding only where
     * {@link ChannelBindingAttempts#yMeansDowngrade()} explains it is no downgrade.
     */
    private Optional<Step.Failure> refuseChannelBindingChoice(ClientFirstMessage message) {
        if (plus) {
            if (message.flag() != ChannelBindingFlag.REQUIRED) {
                return failure(SaslFailure.MALFORMED_REQUEST, name() + " requires channel binding");
            }
            if (!tls.channelBindingTypes().contains(message.channelBindingType())) {
                attempts.typeNotOffered();
                return failure(SaslFailure.NOT_AUTHORIZED, "unsupported channel-binding type");
            }
        } else if (message.flag() == ChannelBindingFlag.REQUIRED) {
            return failure(SaslFailure.MALFORMED_REQUEST, "channel binding requested with " + name());
        } else if (message.flag() == ChannelBindingFlag.SERVER_UNSUPPORTED && !tls.channelBindingTypes().isEmpty()
                && attempts.yMeansDowngrade()) {
            return failure(SaslFailure.NOT_AUTHORIZED, "channel binding downgrade detected");
        }
        return Optional.empty();
    }

    /** The cbind-input the client must send back in c=: the gs2-header, then the binding data if any. */
    private byte[] channelBindingInput(ClientFirstMessage message) {
        byte[] header = message.gs2Header().getBytes(StandardCharsets.UTF_8);
        if (!plus) {
            return header;
        }
        byte[] data = Objects.requireNonNull(tls.channelBindingData(message.channelBindingType()),
                "TlsInfo lists a channel-binding type it has no data for");
        byte[] input = Arrays.copyOf(header, header.length + data.length);
        System.arraycopy(data, 0, input, header.length, data.length);
        return input;
    }

    private Step onClientFinal(ClientFinalMessage message) {
        if (!MessageDigest.isEqual(message.channelBinding(), expectedChannelBinding)) {
            if (plus) {
                attempts.bindingMismatched();
            }
            return new Step.Failure(SaslFailure.NOT_AUTHORIZED, "channel binding mismatch");
        }
        if (!message.nonce().equals(nonce)) {
            return new Step.Failure(SaslFailure.NOT_AUTHORIZED, "nonce mismatch");
        }
        byte[] authMessage = (clientFirst.bare() + ',' + serverFirst + ',' + message.withoutProof())
                .getBytes(StandardCharsets.UTF_8);
        ScramCredential credential = account.credential();
        // Verify before looking at `exists`, so an unknown user costs the same time as a wrong password.
        if (!proofIsValid(credential, authMessage, message.proof()) || !account.exists()) {
            return new Step.Failure(SaslFailure.NOT_AUTHORIZED, null);
        }
        byte[] serverSignature = hash.hmac(credential.serverKey(), authMessage);
        return new Step.Success(username, ("v=" + SaslText.base64(serverSignature)).getBytes(StandardCharsets.UTF_8));
    }

    /** ClientKey = ClientProof XOR HMAC(StoredKey, AuthMessage); valid if H(ClientKey) = StoredKey. */
    private boolean proofIsValid(ScramCredential credential, byte[] authMessage, byte[] proof) {
        byte[] storedKey = credential.storedKey();
        byte[] clientSignature = hash.hmac(storedKey, authMessage);
        if (proof.length != clientSignature.length) {
            return false;
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < clientKey.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        return MessageDigest.isEqual(hash.digest(clientKey), storedKey);
    }

    private static Optional<Step.Failure> failure(SaslFailure condition, String text) {
        return Optional.of(new Step.Failure(condition, text));
    }
}
