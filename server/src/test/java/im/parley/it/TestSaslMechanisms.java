package im.parley.it;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLSession;
import javax.security.auth.callback.CallbackHandler;
import org.jivesoftware.smack.SASLAuthentication;
import org.jivesoftware.smack.SmackException.SmackSaslException;
import org.jivesoftware.smack.sasl.SASLMechanism;

/**
 * A SCRAM client (RFC 5802, RFC 7677) written for the tests, independent of the server's code,
 * for what Smack 4.5.0-beta5 lacks or gets wrong: it has no SCRAM-SHA-256, and its -PLUS variant
 * hashes the certificate with the name of the key algorithm ("EC", "RSA"), so it never works.
 * Channel binding is RFC 5929 tls-server-end-point. Passwords here are ASCII, so no SASLprep.
 */
final class TestSaslMechanisms {
    private TestSaslMechanisms() {
    }

    /** Registers the mechanisms, preferred over Smack's own, and lets SCRAM-SHA-1-PLUS be chosen. */
    static void register() {
        for (Scram m : all()) {
            SASLAuthentication.registerSASLMechanism(m);
        }
        SASLAuthentication.unBlacklistSASLMechanism("SCRAM-SHA-1-PLUS");
    }

    /** Restores Smack's defaults for the other tests in this JVM. */
    static void unregister() {
        SASLAuthentication.unregisterSASLMechanism(Scram.class.getName());
        SASLAuthentication.blacklistSASLMechanism("SCRAM-SHA-1-PLUS");
    }

    private static Scram[] all() {
        return new Scram[] {
            new Scram("SHA-256", "HmacSHA256", "PBKDF2WithHmacSHA256", true, 80),
            new Scram("SHA-1", "HmacSHA1", "PBKDF2WithHmacSHA1", true, 85),
            new Scram("SHA-256", "HmacSHA256", "PBKDF2WithHmacSHA256", false, 95),
        };
    }

    static final class Scram extends SASLMechanism {
        private final String digest;
        private final String hmac;
        private final String pbkdf2;
        private final boolean plus;
        private final int priority;
        private String gs2Header;
        private String clientFirstBare;
        private byte[] expectedServerSignature;
        private boolean verified;

        Scram(String digest, String hmac, String pbkdf2, boolean plus, int priority) {
            this.digest = digest;
            this.hmac = hmac;
            this.pbkdf2 = pbkdf2;
            this.plus = plus;
            this.priority = priority;
        }

        @Override
        public String getName() {
            return "SCRAM-" + digest + (plus ? "-PLUS" : "");
        }

        @Override
        public int getPriority() {
            return priority;
        }

        @Override
        protected void authenticateInternal(CallbackHandler cbh) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected byte[] getAuthenticationText() {
            byte[] nonce = new byte[18];
            new SecureRandom().nextBytes(nonce);
            gs2Header = plus ? "p=tls-server-end-point,," : "n,,";
            clientFirstBare = "n=" + authenticationId + ",r=" + Base64.getEncoder().encodeToString(nonce);
            return (gs2Header + clientFirstBare).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        protected byte[] evaluateChallenge(byte[] challenge) throws SmackSaslException {
            String message = new String(challenge, StandardCharsets.UTF_8);
            Map<String, String> attributes = attributes(message);
            try {
                if (attributes.containsKey("v")) {
                    verified = MessageDigest.isEqual(expectedServerSignature,
                            Base64.getDecoder().decode(attributes.get("v")));
                    return null;
                }
                return clientFinal(message, attributes);
            } catch (GeneralSecurityException e) {
                throw new SmackSaslException(e);
            }
        }

        private byte[] clientFinal(String serverFirst, Map<String, String> attributes)
                throws GeneralSecurityException, SmackSaslException {
            byte[] salt = Base64.getDecoder().decode(attributes.get("s"));
            int iterations = Integer.parseInt(attributes.get("i"));
            byte[] header = gs2Header.getBytes(StandardCharsets.UTF_8);
            byte[] binding = plus ? tlsServerEndPoint(sslSession) : new byte[0];
            byte[] cbind = new byte[header.length + binding.length];
            System.arraycopy(header, 0, cbind, 0, header.length);
            System.arraycopy(binding, 0, cbind, header.length, binding.length);
            String withoutProof = "c=" + Base64.getEncoder().encodeToString(cbind) + ",r=" + attributes.get("r");
            byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof)
                    .getBytes(StandardCharsets.UTF_8);

            byte[] salted = SecretKeyFactory.getInstance(pbkdf2)
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations,
                            MessageDigest.getInstance(digest).getDigestLength() * 8))
                    .getEncoded();
            byte[] clientKey = mac(salted, "Client Key".getBytes(StandardCharsets.UTF_8));
            byte[] signature = mac(MessageDigest.getInstance(digest).digest(clientKey), authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ signature[i]);
            }
            expectedServerSignature = mac(mac(salted, "Server Key".getBytes(StandardCharsets.UTF_8)), authMessage);
            return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
        }

        private byte[] mac(byte[] key, byte[] data) throws GeneralSecurityException {
            Mac m = Mac.getInstance(hmac);
            m.init(new SecretKeySpec(key, hmac));
            return m.doFinal(data);
        }

        @Override
        protected void checkIfSuccessfulOrThrow() throws SmackSaslException {
            if (!verified) {
                throw new SmackSaslException("The server's signature did not verify");
            }
        }

        @Override
        protected SASLMechanism newInstance() {
            return new Scram(digest, hmac, pbkdf2, plus, priority);
        }
    }

    /** RFC 5929 §4.1: the certificate hashed with its signature's hash, SHA-256 for MD5 and SHA-1. */
    static byte[] tlsServerEndPoint(SSLSession session) throws SmackSaslException {
        try {
            X509Certificate leaf = (X509Certificate) session.getPeerCertificates()[0];
            String signature = leaf.getSigAlgName().toUpperCase(java.util.Locale.ROOT);
            String hash = signature.startsWith("SHA384") ? "SHA-384"
                    : signature.startsWith("SHA512") ? "SHA-512" : "SHA-256";
            return MessageDigest.getInstance(hash).digest(leaf.getEncoded());
        } catch (GeneralSecurityException | javax.net.ssl.SSLPeerUnverifiedException e) {
            throw new SmackSaslException(e);
        }
    }

    private static Map<String, String> attributes(String message) {
        Map<String, String> result = new HashMap<>();
        for (String field : message.split(",")) {
            result.put(field.substring(0, 1), field.substring(2));
        }
        return result;
    }
}
