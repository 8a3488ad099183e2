package im.parley.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hash functions SCRAM is defined for (RFC 5802 SHA-1, RFC 7677 SHA-256), with the
 * primitives the mechanism needs: H, HMAC and Hi (which is PBKDF2 with HMAC as the PRF).
 */
public enum ScramHash {
    SHA_1("SCRAM-SHA-1", "SHA-1", "HmacSHA1", "PBKDF2WithHmacSHA1", 20),
    SHA_256("SCRAM-SHA-256", "SHA-256", "HmacSHA256", "PBKDF2WithHmacSHA256", 32);

    /** The order in which mechanisms are offered and stored credentials are preferred. */
    public static final List<ScramHash> STRONGEST_FIRST = List.of(SHA_256, SHA_1);

    /** Suffix of the channel-binding variant of each mechanism (RFC 5802 §4). */
    public static final String PLUS_SUFFIX = "-PLUS";

    private final String mechanismName;
    private final String digestAlgorithm;
    private final String hmacAlgorithm;
    private final String pbkdf2Algorithm;
    private final int length;

    ScramHash(String mechanismName, String digestAlgorithm, String hmacAlgorithm, String pbkdf2Algorithm, int length) {
        this.mechanismName = mechanismName;
        this.digestAlgorithm = digestAlgorithm;
        this.hmacAlgorithm = hmacAlgorithm;
        this.pbkdf2Algorithm = pbkdf2Algorithm;
        this.length = length;
    }

    /** The SASL mechanism name without channel binding, e.g. {@code SCRAM-SHA-256}. */
    public String mechanismName() {
        return mechanismName;
    }

    /** The SASL mechanism name with channel binding, e.g. {@code SCRAM-SHA-256-PLUS}. */
    public String plusMechanismName() {
        return mechanismName + PLUS_SUFFIX;
    }

    /** Output length of H in bytes; also the length of every SCRAM key and proof. */
    public int length() {
        return length;
    }

    /** H(data). */
    public byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(digestAlgorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw missing(e);
        }
    }

    /** HMAC(key, data). */
    public byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(hmacAlgorithm);
            mac.init(new SecretKeySpec(key, hmacAlgorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw missing(e);
        }
    }

    /**
     * Hi(password, salt, iterations) of RFC 5802 §2.2, which is PBKDF2 with a derived key as long
     * as one hash output. The JDK encodes the password characters as UTF-8, as SCRAM requires.
     *
     * @param normalizedPassword the password already prepared with PRECIS OpaqueString
     */
    public byte[] saltedPassword(String normalizedPassword, byte[] salt, int iterations) {
        char[] chars = normalizedPassword.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, length * 8);
        try {
            return SecretKeyFactory.getInstance(pbkdf2Algorithm).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw missing(e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    /** Every JDK must provide these algorithms, so their absence is a broken runtime, not an input error. */
    private IllegalStateException missing(GeneralSecurityException e) {
        return new IllegalStateException(name() + " primitives unavailable in this JDK", e);
    }
}
