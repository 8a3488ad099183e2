package im.parley.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** The client side of SCRAM, written from RFC 5802 §3 so that tests can run exchanges with any parameters. */
final class ScramTestClient {
    private final ScramHash hash;
    private final String gs2Header;
    private final byte[] channelBindingData;
    private final String username;
    private final String password;
    private final String clientNonce;
    private String authMessage;
    private byte[] saltedPassword;

    ScramTestClient(ScramHash hash, String gs2Header, byte[] channelBindingData, String username, String password,
            String clientNonce) {
        this.hash = hash;
        this.gs2Header = gs2Header;
        this.channelBindingData = channelBindingData;
        this.username = username;
        this.password = password;
        this.clientNonce = clientNonce;
    }

    static ScramTestClient withoutBinding(ScramHash hash, String username, String password) {
        return new ScramTestClient(hash, "n,,", new byte[0], username, password, "clientNonce123");
    }

    byte[] clientFirst() {
        return (gs2Header + bare()).getBytes(StandardCharsets.UTF_8);
    }

    private String bare() {
        return "n=" + username + ",r=" + clientNonce;
    }

    byte[] clientFinal(byte[] serverFirstBytes) {
        String serverFirst = new String(serverFirstBytes, StandardCharsets.UTF_8);
        Map<String, String> attributes = attributes(serverFirst);
        byte[] salt = Base64.getDecoder().decode(attributes.get("s"));
        int iterations = Integer.parseInt(attributes.get("i"));
        byte[] cbindInput = Arrays.copyOf(gs2Header.getBytes(StandardCharsets.UTF_8),
                gs2Header.length() + channelBindingData.length);
        System.arraycopy(channelBindingData, 0, cbindInput, gs2Header.length(), channelBindingData.length);
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(cbindInput) + ",r=" + attributes.get("r");
        authMessage = bare() + "," + serverFirst + "," + withoutProof;
        saltedPassword = hash.saltedPassword(ScramCredential.normalizePassword(password), salt, iterations);
        byte[] clientKey = hash.hmac(saltedPassword, "Client Key".getBytes(StandardCharsets.UTF_8));
        byte[] signature = hash.hmac(hash.digest(clientKey), authMessage.getBytes(StandardCharsets.UTF_8));
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
    }

    /** The server-final-message a genuine server must send for the last exchange. */
    byte[] expectedServerFinal() {
        byte[] serverKey = hash.hmac(saltedPassword, "Server Key".getBytes(StandardCharsets.UTF_8));
        byte[] signature = hash.hmac(serverKey, authMessage.getBytes(StandardCharsets.UTF_8));
        return ("v=" + Base64.getEncoder().encodeToString(signature)).getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, String> attributes(String message) {
        Map<String, String> attributes = new HashMap<>();
        for (String field : message.split(",")) {
            attributes.put(field.substring(0, 1), field.substring(2));
        }
        return attributes;
    }
}
