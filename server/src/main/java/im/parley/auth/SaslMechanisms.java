package im.parley.auth;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Which SASL mechanisms a connection is offered, and the server side of the one the client picks.
 * One instance per server (per virtual host domain), shared by all connections.
 *
 * <p>Offered, strongest first: SCRAM-SHA-256-PLUS and SCRAM-SHA-1-PLUS when the connection has
 * channel binding; SCRAM-SHA-256 and SCRAM-SHA-1 always; PLAIN only over TLS.
 */
public final class SaslMechanisms {
    /** RFC 5802 asks for an unpredictable nonce; 24 random bytes is 32 base64 characters. */
    private static final int NONCE_BYTES = 24;
    private static final int DECOY_SECRET_BYTES = 32;

    private final Accounts accounts;
    private final Supplier<String> serverNonces;

    /** Decoys for unknown users use the default iteration count; see the other constructor. */
    public SaslMechanisms(CredentialStore store, String domain) {
        this(store, domain, ScramCredential.DEFAULT_ITERATIONS, new SecureRandom());
    }

    /**
     * @param iterations the iteration count accounts are created with (as in {@link CredentialFactory}),
     *     so that the decoy answers for unknown users look like real ones
     * @param random source of nonces and of the per-instance secret the decoy salts derive from
     */
    public SaslMechanisms(CredentialStore store, String domain, int iterations, SecureRandom random) {
        this(new Accounts(store, domain, randomBytes(random, DECOY_SECRET_BYTES), iterations),
                () -> SaslText.base64(randomBytes(random, NONCE_BYTES)));
    }

    /** For tests that replay fixed exchanges: the server nonce parts come from {@code serverNonces}. */
    SaslMechanisms(Accounts accounts, Supplier<String> serverNonces) {
        this.accounts = accounts;
        this.serverNonces = serverNonces;
    }

    /** The mechanism names to list in {@code <mechanisms/>}, most preferred first. */
    public List<String> offered(TlsInfo tls) {
        List<String> names = new ArrayList<>();
        if (!tls.channelBindingTypes().isEmpty()) {
            ScramHash.STRONGEST_FIRST.forEach(hash -> names.add(hash.plusMechanismName()));
        }
        ScramHash.STRONGEST_FIRST.forEach(hash -> names.add(hash.mechanismName()));
        if (tls.secure()) {
            names.add(PlainMechanism.NAME);
        }
        return names;
    }

    /**
     * What a connection is offered: {@link #offered} and, with TLS, its channel-binding types
     * (XEP-0440). SASL2 (XEP-0388) offers the same mechanisms as RFC 6120's {@code <mechanisms/>},
     * so one advertisement, and one XEP-0474 hash, serves both.
     */
    public Advertisement advertisement(TlsInfo tls) {
        return new Advertisement(offered(tls), tls.secure() ? tls.channelBindingTypes() : List.of());
    }

    /**
     * Starts an exchange for the mechanism the client named in {@code <auth mechanism=.../>}.
     * Never null: a mechanism that is not offered on this connection yields one whose first step
     * is a failure, {@link SaslFailure#ENCRYPTION_REQUIRED} for PLAIN without TLS and
     * {@link SaslFailure#INVALID_MECHANISM} otherwise. So the caller always does
     * {@code create(name, tls).evaluate(initialResponse)} and sends whatever step comes back.
     *
     * <p>An empty initial response is taken as "none": the first step is then an empty challenge
     * (RFC 6120 §6.4.2), and the client's next response is the mechanism's first message.
     */
    public SaslServerMechanism create(String name, TlsInfo tls) {
        return create(name, tls, new ChannelBindingAttempts());
    }

    /**
     * As {@link #create(String, TlsInfo)}, as one more attempt on a stream whose earlier -PLUS
     * attempts are kept in {@code attempts}: they decide whether a GS2 flag "y" is a downgrade
     * (see {@link ChannelBindingAttempts#yMeansDowngrade()}).
     */
    public SaslServerMechanism create(String name, TlsInfo tls, ChannelBindingAttempts attempts) {
        Advertisement advertised = advertisement(tls);
        if (!advertised.mechanisms().contains(name)) {
            boolean needsTls = name.equals(PlainMechanism.NAME) && !tls.secure();
            return new Refused(name, needsTls ? SaslFailure.ENCRYPTION_REQUIRED : SaslFailure.INVALID_MECHANISM);
        }
        return new PromptForInitialResponse(start(name, tls, attempts, advertised));
    }

    private SaslServerMechanism start(String name, TlsInfo tls, ChannelBindingAttempts attempts,
            Advertisement advertised) {
        for (ScramHash hash : ScramHash.STRONGEST_FIRST) {
            if (name.equals(hash.mechanismName()) || name.equals(hash.plusMechanismName())) {
                return new ScramMechanism(hash, name.equals(hash.plusMechanismName()), tls, accounts, serverNonces,
                        attempts, advertised);
            }
        }
        return new PlainMechanism(accounts);
    }

    /**
     * Whether {@code password} is the password of the account {@code username}: PLAIN's check,
     * decoys for unknown users included, for a login that is no SASL exchange (the web admin page).
     * It derives the password: call it off the network threads.
     */
    public boolean verifyPassword(String username, String password) {
        return accounts.normalizeUsername(username)
                .filter(normalized -> PlainMechanism.matches(accounts, normalized, password)).isPresent();
    }

    private static byte[] randomBytes(SecureRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A mechanism the connection may not use: the exchange fails at once. */
    private record Refused(String name, SaslFailure condition) implements SaslServerMechanism {
        @Override
        public Step evaluate(byte[] clientData) {
            return new Step.Failure(condition, null);
        }
    }

    /**
     * Both PLAIN and SCRAM are client-first, so an empty first message can only mean the client
     * sent no initial response; it is then asked for one with an empty challenge.
     */
    private static final class PromptForInitialResponse implements SaslServerMechanism {
        private final SaslServerMechanism mechanism;
        private boolean started;

        PromptForInitialResponse(SaslServerMechanism mechanism) {
            this.mechanism = mechanism;
        }

        @Override
        public String name() {
            return mechanism.name();
        }

        @Override
        public Step evaluate(byte[] clientData) {
            if (!started && clientData.length == 0) {
                started = true;
                return new Step.Challenge(new byte[0]);
            }
            started = true;
            return mechanism.evaluate(clientData);
        }
    }
}
