package im.parley.bench.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of SCRAM-SHA-1 (RFC 5802) without channel binding ("n,,"), written for the load
 * tool so that it depends on no server code. One instance per authentication exchange.
 *
 * <p>The PBKDF2 result is cached per (password, salt, iterations), and the cache can be kept in a
 * file between runs: a SCRAM server only computes HMACs, so without the cache the load tool's own
 * key derivation (4096 HMACs per login) would eat the cores the server under test needs, and
 * logins per second would measure the load tool.
 */
public final class ScramSha1Client {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, byte[]> SALTED = new ConcurrentHashMap<>();

    private final String username;
    private final String password;
    private final String clientNonce;
    private String authMessage;
    private byte[] saltedPassword;

    public ScramSha1Client(String username, String password) {
        this(username, password, randomNonce());
    }

    /** With a given nonce: for checking against the RFC's example exchange. */
    ScramSha1Client(String username, String password, String clientNonce) {
        this.username = username;
        this.password = password;
        this.clientNonce = clientNonce;
    }

    private static String randomNonce() {
        byte[] nonce = new byte[18];
        RANDOM.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** Adds the salted passwords saved by {@link #saveCache} (lines of key and value); none if absent. */
    public static void loadCache(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        for (String line : Files.readAllLines(file)) {
            int space = line.indexOf(' ');
            if (space > 0) {
                SALTED.put(line.substring(0, space), Base64.getDecoder().decode(line.substring(space + 1)));
            }
        }
    }

    public static void saveCache(Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        SALTED.forEach((key, value) -> out.append(key).append(' ')
                .append(Base64.getEncoder().encodeToString(value)).append('\n'));
        Files.writeString(file, out);
    }

    /** The client-first-message, GS2 header included. */
    public String clientFirst() {
        return "n,," + clientFirstBare();
    }

    private String clientFirstBare() {
        return "n=" + username.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
    }

    /** Answers the server-first-message with the client-final-message (RFC 5802 §3). */
    public String clientFinal(String serverFirst) {
        Map<Character, String> attributes = attributes(serverFirst);
        String nonce = attributes.get('r');
        if (nonce == null || !nonce.startsWith(clientNonce)) {
            throw new IllegalStateException("server nonce does not extend ours: " + serverFirst);
        }
        byte[] salt = Base64.getDecoder().decode(attributes.get('s'));
        int iterations = Integer.parseInt(attributes.get('i'));
        saltedPassword = SALTED.computeIfAbsent(cacheKey(attributes.get('s'), iterations),
                k -> hi(password, salt, iterations));
        String withoutProof = "c=biws,r=" + nonce;
        authMessage = clientFirstBare() + "," + serverFirst + "," + withoutProof;
        byte[] clientKey = hmac(saltedPassword, "Client Key");
        byte[] storedKey = sha1(clientKey);
        byte[] signature = hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
    }

    /** Whether the server-final-message proves the server knows the password (mutual authentication). */
    public boolean verifyServerFinal(String serverFinal) {
        String verifier = attributes(serverFinal).get('v');
        if (verifier == null || authMessage == null) {
            return false;
        }
        byte[] expected = hmac(hmac(saltedPassword, "Server Key"), authMessage);
        return MessageDigest.isEqual(expected, Base64.getDecoder().decode(verifier));
    }

    /** The cache key: salt, iterations and a digest of the password (never the password itself). */
    private String cacheKey(String salt, int iterations) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return salt + ":" + iterations + ":" + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<Character, String> attributes(String message) {
        Map<Character, String> map = new HashMap<>();
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(1) == '=') {
                map.put(part.charAt(0), part.substring(2));
            }
        }
        return map;
    }

    /** Hi() of RFC 5802 §2.2, i.e. PBKDF2 with HMAC-SHA-1 and one output block. */
    private static byte[] hi(String password, byte[] salt, int iterations) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            mac.update(salt);
            byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
            byte[] result = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < result.length; j++) {
                    result[j] ^= u[j];
                }
            }
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha1(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
