package im.parley.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Fixtures shared by the mechanism tests: an in-memory store, fixed nonces and fake TLS connections. */
public final class TestAccounts {
    static final String DOMAIN = "example.org";
    static final byte[] SERVER_END_POINT = "fake certificate hash".getBytes(StandardCharsets.UTF_8);
    static final byte[] EXPORTER = "fake exported keying material".getBytes(StandardCharsets.UTF_8);

    /** A TLS connection with no channel binding. */
    public static final TlsInfo TLS_WITHOUT_BINDING = tls(List.of());
    /** A TLS connection offering both binding types. */
    static final TlsInfo TLS_WITH_BINDING = tls(List.of(TlsInfo.TLS_EXPORTER, TlsInfo.TLS_SERVER_END_POINT));

    private final Map<String, Map<ScramHash, ScramCredential>> accounts = new HashMap<>();
    private final Deque<String> serverNonces = new ArrayDeque<>();

    TestAccounts add(String username, ScramCredential credential) {
        accounts.computeIfAbsent(username, u -> new HashMap<>()).put(credential.hash(), credential);
        return this;
    }

    /** Adds an account with credentials for every hash. */
    TestAccounts add(String username, String password) {
        new CredentialFactory().create(password).values().forEach(c -> add(username, c));
        return this;
    }

    /** Server nonce parts handed out in order; a random-looking default once they run out. */
    TestAccounts serverNonces(String... nonces) {
        serverNonces.addAll(List.of(nonces));
        return this;
    }

    SaslMechanisms mechanisms() {
        return new SaslMechanisms(accounts(), () -> serverNonces.isEmpty() ? "serverNonce456" : serverNonces.poll());
    }

    Accounts accounts() {
        CredentialStore store = username -> accounts.getOrDefault(username, Map.of());
        byte[] secret = "test decoy secret".getBytes(StandardCharsets.UTF_8);
        return new Accounts(store, DOMAIN, secret, ScramCredential.DEFAULT_ITERATIONS);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    private static TlsInfo tls(List<String> bindingTypes) {
        return tls(bindingTypes, null);
    }

    /** A TLS connection with these binding types, whose data is {@code data} for every type (or the fakes above when null). */
    static TlsInfo tls(List<String> bindingTypes, byte[] data) {
        return new TlsInfo() {
            @Override
            public boolean secure() {
                return true;
            }

            @Override
            public List<String> channelBindingTypes() {
                return bindingTypes;
            }

            @Override
            public byte[] channelBindingData(String type) {
                if (!bindingTypes.contains(type)) {
                    return null;
                }
                if (data != null) {
                    return data;
                }
                return type.equals(TlsInfo.TLS_EXPORTER) ? EXPORTER : SERVER_END_POINT;
            }
        };
    }
}
