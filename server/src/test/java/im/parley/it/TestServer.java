package im.parley.it;

import im.parley.ParleyServer;
import im.parley.account.AccountService;
import im.parley.config.ParleyConfig;
import im.parley.store.Database;
import im.parley.xmpp.Jid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/**
 * A Parley server started in-process on free loopback ports with a fresh store, and Smack
 * clients configured to trust its self-signed certificate.
 */
public final class TestServer implements AutoCloseable {
    public static final String DOMAIN = "localhost";

    private final Path dataDir;
    private final ParleyServer server;

    private TestServer(Path dataDir, ParleyServer server) {
        this.dataDir = dataDir;
        this.server = server;
    }

    /** Starts with the test defaults plus {@code extraYaml} (top-level keys, e.g. "registration:\n  open: true"). */
    public static TestServer start(String extraYaml) throws Exception {
        return start("domain: " + DOMAIN + "\n", "", extraYaml);
    }

    /** Starts with extra keys in the c2s section (each line indented by two spaces). */
    public static TestServer startWithC2s(String c2sYaml) throws Exception {
        return start("domain: " + DOMAIN + "\n", c2sYaml, "");
    }

    /** Starts serving several domains (virtual hosts), the first being the default. */
    public static TestServer startWithHosts(String... hosts) throws Exception {
        return start("hosts: [" + String.join(", ", hosts) + "]\n", "", "");
    }

    private static TestServer start(String hostsYaml, String c2sYaml, String extraYaml) throws Exception {
        Path dataDir = Files.createTempDirectory("parley-it");
        String yaml = hostsYaml + """
                c2s:
                  bind-address: 127.0.0.1
                  port: 0
                  direct-tls-port: 0
                """ + c2sYaml + extraYaml;
        ParleyConfig config = ParleyConfig.parse(yaml, "test").withDataDir(dataDir);
        return new TestServer(dataDir, ParleyServer.start(config));
    }

    public static TestServer start() throws Exception {
        return start("");
    }

    /** A connection of its own to the server's embedded store, to change it behind the server's back. */
    public Connection storeConnection() throws SQLException {
        return DriverManager.getConnection(Database.embeddedUrl(dataDir));
    }

    public ParleyServer server() {
        return server;
    }

    public int port() {
        return server.c2sPort();
    }

    public void addUser(String name, String password) {
        server.accounts().create(user(name), password);
    }

    /** The account JID of a username on the server's domain. */
    public Jid user(String name) {
        return AccountService.user(name, server.domain());
    }

    /** A trust manager that trusts exactly this server's certificate. */
    public X509TrustManager trustManager() throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("parley", server.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    public SSLContext sslContext() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[] {trustManager()}, null);
        return context;
    }

    public X509Certificate certificate() {
        return server.certificate();
    }

    /** A Smack configuration for STARTTLS on the client port (TLS required), not yet connected. */
    public XMPPTCPConnectionConfiguration.Builder clientConfig(String user, String password) throws Exception {
        return clientConfig(DOMAIN, user, password);
    }

    /** The same for an account of the hosted domain {@code domain}. */
    public XMPPTCPConnectionConfiguration.Builder clientConfig(String domain, String user, String password)
            throws Exception {
        return XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(domain)
                .setHost("127.0.0.1")
                .setPort(port())
                .setUsernameAndPassword(user, password)
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(trustManager())
                .setHostnameVerifier((host, session) -> true)
                .setConnectTimeout(5000);
    }

    /** Connects and logs in with resource {@code resource}. */
    public XMPPTCPConnection login(String user, String password, String resource) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(
                clientConfig(user, password).setResource(resource).build());
        connection.setReplyTimeout(5000);
        connection.connect().login();
        return connection;
    }

    @Override
    public void close() throws IOException {
        server.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
