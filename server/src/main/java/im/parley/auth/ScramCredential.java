package im.parley.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import rocks.xmpp.precis.PrecisProfiles;

/**
 * What the server stores for one account and one SCRAM hash instead of the password
 * (RFC 5802 §3): enough to verify a client proof and to prove itself to the client, but not
 * enough to log in as the user.
 *
 * <p>Arrays are copied in and out, so a credential is immutable.
 */
public record ScramCredential(ScramHash hash, byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
    /** The iteration count RFC 7677 §4 recommends as a minimum. */
    public static final int DEFAULT_ITERATIONS = 4096;
    /** RFC 5802 leaves the salt length open; 16 bytes is the common floor. */
    public static final int MIN_SALT_LENGTH = 16;

    private static final byte[] CLIENT_KEY = "Client Key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_KEY = "Server Key".getBytes(StandardCharsets.US_ASCII);

    public ScramCredential {
        Objects.requireNonNull(hash, "hash");
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive: " + iterations);
        }
        if (storedKey.length != hash.length() || serverKey.length != hash.length()) {
            throw new IllegalArgumentException("key length does not match " + hash);
        }
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    /**
     * Derives the credential for a password, salt and iteration count.
     *
     * @throws IllegalArgumentException if the password is not a valid PRECIS OpaqueString
     *     (for instance empty, or containing control characters)
     */
    public static ScramCredential derive(ScramHash hash, String password, byte[] salt, int iterations) {
        byte[] saltedPassword = hash.saltedPassword(normalizePassword(password), salt, iterations);
        try {
            return fromSaltedPassword(hash, salt, iterations, saltedPassword);
        } finally {
            Arrays.fill(saltedPassword, (byte) 0);
        }
    }

    /** Prepares a password as RFC 7677 and RFC 6120 ask: the PRECIS OpaqueString profile (RFC 8265). */
    public static String normalizePassword(String password) {
        return PrecisProfiles.OPAQUE_STRING.enforce(password);
    }

    private static ScramCredential fromSaltedPassword(ScramHash hash, byte[] salt, int iterations, byte[] saltedPassword) {
        byte[] clientKey = hash.hmac(saltedPassword, CLIENT_KEY);
        byte[] storedKey = hash.digest(clientKey);
        byte[] serverKey = hash.hmac(saltedPassword, SERVER_KEY);
        return new ScramCredential(hash, salt, iterations, storedKey, serverKey);
    }

    /**
     * Whether a clear-text password (as PLAIN sends it) is the one this credential was derived
     * from. Runs the full key derivation, so it is as slow as the iteration count makes it.
     */
    public boolean matches(String password) {
        String normalized;
        try {
            normalized = normalizePassword(password);
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] saltedPassword = hash.saltedPassword(normalized, salt, iterations);
        try {
            byte[] candidate = hash.digest(hash.hmac(saltedPassword, CLIENT_KEY));
            return MessageDigest.isEqual(candidate, storedKey);
        } finally {
            Arrays.fill(saltedPassword, (byte) 0);
        }
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramCredential c && hash == c.hash && iterations == c.iterations
                && Arrays.equals(salt, c.salt) && Arrays.equals(storedKey, c.storedKey)
                && Arrays.equals(serverKey, c.serverKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hash, iterations, Arrays.hashCode(salt), Arrays.hashCode(storedKey), Arrays.hashCode(serverKey));
    }

    /** Leaves the keys out so that credentials never end up in logs. */
    @Override
    public String toString() {
        return "ScramCredential[" + hash + ", iterations=" + iterations + "]";
    }
}
