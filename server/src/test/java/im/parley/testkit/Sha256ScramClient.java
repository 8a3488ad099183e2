package im.parley.testkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of SCRAM-SHA-256 without channel binding (RFC 5802, RFC 7677) and of XEP-0474's
 * check, written from the RFCs with the JDK's own primitives and none of the server's code, so a
 * test that logs in with it can fail when the server's SCRAM is wrong. Passwords are ASCII (no
 * SASLprep needed).
 */
public final class Sha256ScramClient {
    private final String username;
    private final String password;
    private final String clientNonce;
    private String authMessage;
    private byte[] saltedPassword;
    private Map<String, String> serverFirst;

    public Sha256ScramClient(String username, String password, String clientNonce) {
        this.username = username;
        this.password = password;
        this.clientNonce = clientNonce;
    }

    public String clientFirst() {
        return "n,," + bare();
    }

    private String bare() {
        return "n=" + username + ",r=" + clientNonce;
    }

    public String clientFinal(String serverFirstMessage) throws GeneralSecurityException {
        serverFirst = attributes(serverFirstMessage);
        if (!serverFirst.get("r").startsWith(clientNonce)) {
            throw new IllegalStateException("the server's nonce does not extend ours");
        }
        String withoutProof = "c=" + base64("n,,".getBytes(StandardCharsets.UTF_8)) + ",r=" + serverFirst.get("r");
        authMessage = bare() + "," + serverFirstMessage + "," + withoutProof;
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), Base64.getDecoder().decode(serverFirst.get("s")),
                Integer.parseInt(serverFirst.get("i")), 256);
        saltedPassword = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        byte[] clientKey = hmac(saltedPassword, "Client Key");
        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
        byte[] signature = hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        return withoutProof + ",p=" + base64(proof);
    }

    /** True if the server-final-message proves the server knows the credential. */
    public boolean serverFinalIsValid(String serverFinal) throws GeneralSecurityException {
        byte[] serverKey = hmac(saltedPassword, "Server Key");
        return serverFinal.equals("v=" + base64(hmac(serverKey, authMessage)));
    }

    /**
     * XEP-0474 (0.5.0) §6.2: the "h" the server-first-message must carry for what the client was
     * offered: the sorted mechanisms joined by U+001E, then U+001F and the sorted channel-binding
     * types if any were advertised, SHA-256, base64.
     */
    public static String downgradeProtectionHash(List<String> mechanisms, List<String> channelBindings)
            throws GeneralSecurityException {
        String s = mechanisms.stream().sorted().collect(Collectors.joining("\u001e"));
        if (!channelBindings.isEmpty()) {
            s += "\u001f" + channelBindings.stream().sorted().collect(Collectors.joining("\u001e"));
        }
        return base64(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The attributes of the last server-first-message. */
    public Map<String, String> serverFirst() {
        return serverFirst;
    }

    private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    public static String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    private static Map<String, String> attributes(String message) {
        Map<String, String> attributes = new HashMap<>();
        for (String field : message.split(",")) {
            attributes.put(field.substring(0, 1), field.substring(2));
        }
        return attributes;
    }
}
