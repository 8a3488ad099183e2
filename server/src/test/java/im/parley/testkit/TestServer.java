package im.parley.testkit;

import im.parley.ParleyServer;
import im.parley.account.AccountService;
import im.parley.config.ParleyConfig;
import im.parley.session.Session;
import im.parley.store.Database;
import im.parley.xmpp.Jid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.awaitility.Awaitility;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * A Parley server started in-process on free loopback ports with a fresh store in a temporary
 * directory (deleted by {@link #close()}), and the Smack configuration that trusts its
 * self-signed certificate. {@link ParleyExtension} manages one for a test class or a test.
 */
public final class TestServer implements AutoCloseable {
    public static final String DOMAIN = "localhost";
    /** Loopback only, any free port for STARTTLS, direct TLS and HTTP; everything else as shipped. */
    private static final String DEFAULTS = """
            domain: localhost
            c2s:
              bind-address: 127.0.0.1
              port: 0
              direct-tls-port: 0
            http:
              port: 0
              tls-port: 0
            """;

    private final Path dataDir;
    private final ParleyConfig config;
    private ParleyServer server;

    private TestServer(Path dataDir, ParleyConfig config) throws Exception {
        this.dataDir = dataDir;
        this.config = config;
        this.server = ParleyServer.start(config);
    }

    /** Starts with the test defaults and {@code overrides}, YAML merged key by key (e.g. "registration:\n  open: true\n"). */
    public static TestServer start(String... overrides) throws Exception {
        Path dataDir = Files.createTempDirectory("parley-test");
        try {
            return new TestServer(dataDir, config(dataDir, overrides));
        } catch (Exception | Error e) {
            deleteTree(dataDir);
            throw e;
        }
    }

    /** The configuration a test server on {@code dataDir} runs with, for preparing its store before it starts. */
    public static ParleyConfig config(Path dataDir, String... overrides) {
        String dataDirYaml = "data-dir: '" + dataDir.toString().replace("'", "''") + "'\n";
        String[] all = Arrays.copyOf(overrides, overrides.length + 1);
        all[overrides.length] = dataDirYaml;
        return ParleyConfig.parse(ConfigYaml.merge(DEFAULTS, all), "test");
    }

    /** Stops the server (its clients are disconnected) and starts a new one on the same store, as a process restart would. */
    public void restart() throws Exception {
        server.close();
        server = ParleyServer.start(config);
    }

    /** The data directory: the embedded store, for commands that open it themselves. */
    public Path dataDir() {
        return dataDir;
    }

    public ParleyServer server() {
        return server;
    }

    public String domain() {
        return config.domain();
    }

    /** The STARTTLS client port. */
    public int port() {
        return server.c2sPort();
    }

    public void addUser(String name, String password) {
        server.accounts().create(user(name), password);
    }

    /** The account JID of a user name on the server's (default) domain, or of {@code NAME@HOST} on that hosted domain. */
    public Jid user(String name) {
        int at = name.indexOf('@');
        return at < 0 ? AccountService.user(name, server.domain())
                : AccountService.user(name.substring(0, at), name.substring(at + 1));
    }

    /**
     * Waits until the server holds an available session for a full JID, or for a bare JID at
     * least one: the server routes to it from then on (Smack's login returns before the server has
     * handled the initial presence).
     */
    public void awaitAvailable(String jid) {
        Jid address = Jid.parse(jid);
        Awaitility.await().atMost(RecordingClient.WAIT).until(() -> address.resource() == null
                ? server.sessions().sessionsOf(address).stream().anyMatch(Session::available)
                : server.sessions().get(address) != null && server.sessions().get(address).available());
    }

    /** A connection of its own to the server's embedded store, to change it behind the server's back. */
    public Connection storeConnection() throws SQLException {
        return DriverManager.getConnection(Database.embeddedUrl(dataDir));
    }

    public X509Certificate certificate() {
        return server.certificate();
    }

    /** A trust manager that trusts exactly this server's certificate. */
    public X509TrustManager trustManager() {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("parley", server.certificate());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return (X509TrustManager) factory.getTrustManagers()[0];
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store in memory", e);
        }
    }

    /** A TLS context trusting this server, for raw direct-TLS sockets. */
    public SSLContext sslContext() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustManager()}, null);
        return context;
    }

    /** A client logged in with a resource (sending initial presence), recording what it receives from the start. */
    public RecordingClient login(String user, String password, String resource) throws Exception {
        return new RecordingClient(clientConfig(user, password).setResource(resource).build()).login();
    }

    /** A Smack configuration for STARTTLS on the client port (TLS required), not yet connected. */
    public XMPPTCPConnectionConfiguration.Builder clientConfig(String user, String password)
            throws XmppStringprepException {
        return clientConfig(domain(), user, password);
    }

    /** The same for an account of another domain the server hosts. */
    public XMPPTCPConnectionConfiguration.Builder clientConfig(String domain, String user, String password)
            throws XmppStringprepException {
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

    @Override
    public void close() {
        server.close();
        deleteTree(dataDir);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
