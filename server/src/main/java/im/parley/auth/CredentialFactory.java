package im.parley.auth;

import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;

/**
 * Turns a new password into the credentials an account store keeps: one per {@link ScramHash},
 * each with its own random salt. Used on registration, password change and by the command line.
 */
public final class CredentialFactory {
    private final int iterations;
    private final SecureRandom random;

    /** Default iterations and salt length. */
    public CredentialFactory() {
        this(ScramCredential.DEFAULT_ITERATIONS, new SecureRandom());
    }

    public CredentialFactory(int iterations, SecureRandom random) {
        if (iterations < ScramCredential.DEFAULT_ITERATIONS) {
            // RFC 7677 §4: fewer iterations make a stolen credential cheap to brute-force.
            throw new IllegalArgumentException("iterations below " + ScramCredential.DEFAULT_ITERATIONS + ": " + iterations);
        }
        this.iterations = iterations;
        this.random = random;
    }

    /** The iteration count new credentials get; decoys for unknown users should use the same. */
    public int iterations() {
        return iterations;
    }

    /**
     * Credentials for every supported hash.
     *
     * @throws IllegalArgumentException if the password is not a valid PRECIS OpaqueString
     */
    public Map<ScramHash, ScramCredential> create(String password) {
        Map<ScramHash, ScramCredential> credentials = new EnumMap<>(ScramHash.class);
        for (ScramHash hash : ScramHash.values()) {
            credentials.put(hash, create(hash, password));
        }
        return credentials;
    }

    /** A credential for one hash with a fresh random salt. */
    public ScramCredential create(ScramHash hash, String password) {
        byte[] salt = new byte[ScramCredential.MIN_SALT_LENGTH];
        random.nextBytes(salt);
        return ScramCredential.derive(hash, password, salt, iterations);
    }
}
