package im.parley.modules.muc;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A room's password (muc#roomconfig_roomsecret). The room only compares what an entrant gives
 * with it, so it is kept as a salted PBKDF2-HMAC-SHA256 hash, and only the hash is stored; the
 * clear text is known while the room runs after an owner set it (a mediated invitation carries it,
 * XEP-0045 §7.8.2, and the owner's form shows it), and not after a restart. Two secrets are equal
 * when their hashes are.
 */
final class RoomSecret {
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int ITERATIONS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODE = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getDecoder();

    private final String hash;
    private final String clear;

    private RoomSecret(String hash, String clear) {
        this.hash = hash;
        this.clear = clear;
    }

    /** A password an owner set: hashed under a new salt. */
    static RoomSecret of(String clear) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new RoomSecret(SCHEME + "$" + ITERATIONS + "$" + ENCODE.encodeToString(salt) + "$"
                + ENCODE.encodeToString(derive(clear, salt, ITERATIONS)), clear);
    }

    /** A stored hash ({@link #hash()}); throws {@link IllegalArgumentException} for anything else. */
    static RoomSecret hashed(String hash) {
        String[] parts = hash.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("Not a stored room password: " + parts[0]);
        }
        return new RoomSecret(hash, null);
    }

    /** Whether the stored value is a hash this class made (rather than a password stored before hashing). */
    static boolean isHash(String stored) {
        return stored != null && stored.startsWith(SCHEME + "$");
    }

    /** What is stored: scheme, iterations, salt and hash, no clear text. */
    String hash() {
        return hash;
    }

    /** The password itself, or null when only its hash is known (the room was restored). */
    String clear() {
        return clear;
    }

    /** Whether the entrant's password is this one (compared in constant time). */
    boolean matches(String given) {
        if (given == null) {
            return false;
        }
        String[] parts = hash.split("\\$");
        byte[] expected = DECODE.decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(given, DECODE.decode(parts[2]), Integer.parseInt(parts[1])));
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RoomSecret secret && secret.hash.equals(hash);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }
}
