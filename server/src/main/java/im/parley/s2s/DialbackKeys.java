package im.parley.s2s;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Dialback keys as XEP-0185 makes them: HMAC-SHA256, keyed with the hex SHA-256 of a secret only
 * this server knows, of "receiving originating stream-id", hex encoded. Only this server ever
 * checks its own keys (the peer asks it back over a connection of its own), so the secret is
 * made at start-up and never leaves the process.
 */
final class DialbackKeys {
    private final SecretKeySpec key;

    DialbackKeys(String secret) {
        try {
            byte[] hashed = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            key = new SecretKeySpec(HexFormat.of().formatHex(hashed).getBytes(StandardCharsets.US_ASCII), "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Keys from a random secret of 32 bytes. */
    static DialbackKeys random() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new DialbackKeys(HexFormat.of().formatHex(secret));
    }

    /** The key the originating server sends for its stream to the receiving server with this stream id. */
    String key(String receiving, String originating, String streamId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] text = (receiving + ' ' + originating + ' ' + streamId).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(mac.doFinal(text));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JDK", e);
        }
    }

    /** True when {@code candidate} is the key this server made for these values; compared in constant time. */
    boolean verify(String receiving, String originating, String streamId, String candidate) {
        return MessageDigest.isEqual(key(receiving, originating, streamId).getBytes(StandardCharsets.US_ASCII),
                candidate.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
