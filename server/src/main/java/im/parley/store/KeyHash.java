package im.parley.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The column that stands for a long key in an index: SHA-256 of the key's UTF-8, in 43 characters
 * of unpadded base64url. PostgreSQL refuses index rows over about 2,700 bytes, and a legal JID can
 * be 3,071 bytes; the key itself is kept beside its hash, unindexed.
 */
public final class KeyHash {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private KeyHash() {
    }

    public static String of(String key) {
        return BASE64URL.encodeToString(sha256(key));
    }

    /**
     * The first 64 bits of the SHA-256: a narrow index column where a collision costs nothing worse
     * than a few foreign rows (for one archive owner with 100,000
     * correspondents, about one chance in 3 billion).
     */
    public static long of64(String key) {
        return ByteBuffer.wrap(sha256(key)).getLong();
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
