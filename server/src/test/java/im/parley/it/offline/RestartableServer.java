package im.parley.it.offline;

import im.parley.ParleyServer;
import im.parley.config.ParleyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/**
 * A Parley server in-process on free loopback ports that can be stopped and started again on
 * the same data directory, as a restart of the process would (the shared TestServer deletes its
 * data when it stops).
 */
final class RestartableServer implements AutoCloseable {
    static final String DOMAIN = "localhost";

    private final Path dataDir;
    private final ParleyConfig config;
    private ParleyServer server;

    private RestartableServer(Path dataDir, ParleyConfig config) throws Exception {
        this.dataDir = dataDir;
        this.config = config;
        this.server = ParleyServer.start(config);
    }

    /** Starts with the test defaults plus {@code extraYaml} (top-level keys). */
    static RestartableServer start(String extraYaml) throws Exception {
        Path dataDir = Files.createTempDirectory("parley-offline-it");
        String yaml = """
                domain: localhost
                c2s:
                  bind-address: 127.0.0.1
                  port: 0
                  direct-tls-port: -1
                """ + extraYaml;
        return new RestartableServer(dataDir, ParleyConfig.parse(yaml, "test").withDataDir(dataDir));
    }

    /** Stops the server (clients are disconnected) and starts a new one on the same data. */
    void restart() throws Exception {
        server.close();
        server = ParleyServer.start(config);
    }

    ParleyServer server() {
        return server;
    }

    /**
     * Connects without logging in, so that listeners can be added before the server can send
     * anything; {@code sendPresence} false leaves initial presence to the test.
     */
    XMPPTCPConnection connect(String user, String password, String resource, boolean sendPresence)
            throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(DOMAIN)
                .setHost("127.0.0.1")
                .setPort(server.c2sPort())
                .setUsernameAndPassword(user, password)
                .setResource(resource)
                .setSendPresence(sendPresence)
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(trustManager())
                .setHostnameVerifier((host, session) -> true)
                .setConnectTimeout(5000)
                .build());
        connection.setReplyTimeout(5000);
        connection.connect();
        return connection;
    }

    private X509TrustManager trustManager() throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("parley", server.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    @Override
    public void close() throws IOException {
        server.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
