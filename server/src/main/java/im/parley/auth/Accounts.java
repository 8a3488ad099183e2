package im.parley.auth;

import im.parley.xmpp.Jid;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The account questions every mechanism asks: is this a valid user name, may it act as this
 * authorization identity, and which credential does it have. For accounts that do not exist it
 * answers with a decoy credential, so that an attacker cannot tell from the exchange (salt,
 * iteration count, timing) whether a user name is registered.
 */
final class Accounts {
    /** An account's credential, or a decoy when {@code exists} is false. */
    record Lookup(ScramCredential credential, boolean exists) {
    }

    private final CredentialStore store;
    private final String domain;
    private final byte[] decoySecret;
    private final int decoyIterations;

    /**
     * @param decoySecret server secret the decoy salts are derived from; stable per user name as
     *     long as the secret is, so that repeated probes see the same salt
     * @param decoyIterations should be the iteration count real accounts are created with
     */
    Accounts(CredentialStore store, String domain, byte[] decoySecret, int decoyIterations) {
        this.store = store;
        this.domain = Jid.enforceDomain(domain);
        this.decoySecret = decoySecret.clone();
        this.decoyIterations = decoyIterations;
    }

    /** The user name in its stored form (PRECIS UsernameCaseMapped), or empty if no account could have it. */
    Optional<String> normalizeUsername(String username) {
        try {
            return Optional.of(Jid.enforceLocal(username));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** RFC 6120 §6.3.8: a client may only ask to act as itself, i.e. as its own bare JID. */
    boolean authorizes(String authzid, String username) {
        return authzid.isEmpty() || Jid.of(username, domain, null).equals(Jid.parseOrNull(authzid));
    }

    /** The credential for one hash; a decoy if the account is unknown or has none for that hash. */
    Lookup credential(String username, ScramHash hash) {
        return store.credential(username, hash).map(stored -> new Lookup(stored, true))
                .orElseGet(() -> new Lookup(decoy(username, hash), false));
    }

    /** The strongest credential the account has, for mechanisms that can use any (PLAIN). */
    Lookup strongestCredential(String username) {
        Map<ScramHash, ScramCredential> stored = store.credentials(username);
        for (ScramHash hash : ScramHash.STRONGEST_FIRST) {
            if (stored.containsKey(hash)) {
                return new Lookup(stored.get(hash), true);
            }
        }
        return new Lookup(decoy(username, ScramHash.STRONGEST_FIRST.getFirst()), false);
    }

    private ScramCredential decoy(String username, ScramHash hash) {
        byte[] seed = ScramHash.SHA_256.hmac(decoySecret, (hash.name() + '\0' + username).getBytes(StandardCharsets.UTF_8));
        byte[] salt = Arrays.copyOf(seed, ScramCredential.MIN_SALT_LENGTH);
        // The keys only need the right length: a decoy lookup fails however the proof turns out.
        return new ScramCredential(hash, salt, decoyIterations, hash.digest(seed), hash.hmac(seed, seed));
    }
}
