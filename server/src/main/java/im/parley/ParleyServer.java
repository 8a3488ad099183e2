package im.parley;

import im.parley.account.AccountService;
import im.parley.account.JdbcAccountRepository;
import im.parley.auth.CredentialFactory;
import im.parley.component.ComponentListener;
import im.parley.component.Components;
import im.parley.config.BoshConfig;
import im.parley.config.ParleyConfig;
import im.parley.http.HostMeta;
import im.parley.http.HttpListener;
import im.parley.http.bosh.BoshHandler;
import im.parley.http.bosh.BoshSessions;
import im.parley.http.WebClient;
import im.parley.http.XmppWebSocket;
import im.parley.module.Accounts;
import im.parley.module.FeatureLoader;
import im.parley.module.Hosts;
import im.parley.module.ModuleContext;
import im.parley.module.ModuleRegistry;
import im.parley.module.ServiceDomain;
import im.parley.net.ClientListener;
import im.parley.net.EventLoops;
import im.parley.net.StreamTimeouts;
import im.parley.router.RouteTable;
import im.parley.router.StanzaRouter;
import im.parley.s2s.Federation;
import im.parley.session.Session;
import im.parley.session.SessionLifecycle;
import im.parley.session.SessionRegistry;
import im.parley.store.Database;
import im.parley.stream.Bind2;
import im.parley.stream.ClientStream;
import im.parley.stream.ResourceBinding;
import im.parley.stream.SaslNegotiation;
import im.parley.stream.StreamSettings;
import im.parley.tls.ServerCertificate;
import im.parley.tls.TlsContexts;
import im.parley.xml.XmlLimits;
import im.parley.xmpp.StreamError;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Parley server: the one place where the parts are built and wired together, in
 * dependency order, and taken apart again in reverse.
 */
public final class ParleyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ParleyServer.class);

    private final ParleyConfig config;
    private final Database database;
    private final AccountService accounts;
    /** The accounts restricted to the hosted domains, as SASL and the features see them. */
    private final HostedAccounts hostedAccounts;
    private final ServerCertificate certificate;
    private final TlsContexts tls;
    private final SessionRegistry sessions;
    private final SessionLifecycle lifecycle;
    private final ModuleRegistry modules;
    /** The network threads of every listener and outgoing connection, the SOCKS5 proxy's included. */
    private final EventLoops loops;
    private final ClientListener listener;
    /** HTTP: WebSocket, discovery, and the features' routes (file upload). */
    private final HttpListener http;
    private final Components components;
    /** Null when no component is configured. */
    private final ComponentListener componentListener;
    private InetSocketAddress componentAddress;
    /** Server-to-server streams, or null when federation is off. */
    private Federation federation;
    private InetSocketAddress c2sAddress;
    private InetSocketAddress s2sAddress;
    private InetSocketAddress directTlsAddress;
    private InetSocketAddress webSocketAddress;
    private InetSocketAddress webSocketTlsAddress;

    private ParleyServer(ParleyConfig config, Database database) throws Exception {
        this.config = config;
        this.database = database;
        List<String> hosts = config.hosts();
        accounts = openAccounts(database);
        hostedAccounts = new HostedAccounts(accounts, new Hosts(hosts));
        certificate = ServerCertificate.obtain(hosts, config.dataDir(),
                config.tls().certificate().orElse(null), config.tls().key().orElse(null));
        tls = new TlsContexts(certificate, config.tls().implementation());

        sessions = new SessionRegistry();
        RouteTable routes = new RouteTable(hosts);
        modules = new ModuleRegistry(new Hosts(hosts), sessions);
        StanzaRouter router = new StanzaRouter(routes, sessions, hostedAccounts, modules);
        lifecycle = new SessionLifecycle(sessions, modules, router);
        loops = new EventLoops();
        http = new HttpListener(loops, tls, config.http(), config.limits().maxStanzaBytes());
        try {
            listener = build(routes, router, hostedAccounts);
            addHttpRoutes();
            // After the service domains, so that a component given one of their domains is the error that names it.
            components = new Components(config.components(), routes, modules, new Hosts(hosts), router);
            componentListener = components.configured() ? new ComponentListener(loops, components, router, xmlLimits(),
                    config.c2s().unauthenticatedTimeout(), config.components().maxQueuedBytes()) : null;
        } catch (Exception | Error e) {
            // The loader stops what it started if a feature fails; this covers what fails after it.
            modules.stopAll();
            lifecycle.close();
            http.close();
            loops.close();
            tls.close();
            throw e;
        }
    }

    /** The server's own HTTP routes; the features added theirs while they started. */
    private void addHttpRoutes() {
        String webSocketPath = config.http().websocketPath();
        boolean trustLoopback = config.http().trustLoopback();
        http.routes().add(webSocketPath, Set.of(HttpMethod.GET), false, new XmppWebSocket(webSocketPath,
                config.limits().maxStanzaBytes(), pipeline -> listener.upgraded(pipeline, trustLoopback)));
        BoshConfig bosh = config.http().bosh();
        http.routes().add(bosh.path(), Set.of(HttpMethod.POST), true,
                BoshHandler.maxBodyBytes(config.limits().maxStanzaBytes()), new BoshHandler(new BoshSessions(bosh, xmlLimits(),
                config.c2s().unauthenticatedTimeout(), config.c2s().maxQueuedBytes(), listener.queuedTotal(), trustLoopback,
                listener.streams())));
        HostMeta.addTo(http.routes(), webSocketPath, bosh.path(), config.http().publicUrl());
        WebClient.addTo(http.routes(), config.domain(), webSocketPath);
    }

    /** Starts the features, then builds what accepts client connections (opening no port yet). */
    private ClientListener build(RouteTable routes, StanzaRouter router, HostedAccounts hostedAccounts) {
        List<String> hosts = config.hosts();
        Hosts served = new Hosts(hosts);
        // Resource binding (RFC 6120 §7) is the core's own negotiation step, on every host, before any feature's.
        ModuleContext core = modules.context(router, lifecycle, served);
        core.negotiationStep(new ResourceBinding(config.c2s().resourceConflict(), lifecycle));
        new FeatureLoader(modules, router, lifecycle, new FeatureLoader.Environment(served, database.jdbc(),
                hostedAccounts, Clock.systemUTC(), config.admins(), "Parley", version(), database::migrate, loops,
                config.dataDir(), http))
                .load(FeatureLoader.discover(), config.modules());
        // Bind2 (XEP-0386) after every feature's SASL2 inline feature: a resumed session is not bound again.
        core.sasl2Inline(new Bind2(config.c2s().resourceConflict(), lifecycle, sessions, modules::bindInline));
        for (ServiceDomain service : modules.serviceDomains()) {
            routes.add(service);
        }
        if (config.s2s().enabled()) {
            federation = new Federation(loops, config.s2s(), tls, xmlLimits(), routes, config.domain(), router);
            routes.federate(federation);
        }

        StreamSettings settings = new StreamSettings(Set.copyOf(hosts), config.domain(), config.c2s().requireTls(),
                config.limits().maxAuthFailures(),
                config.c2s().unauthenticatedTimeout());
        return new ClientListener(loops, tls, xmlLimits(),
                new StreamTimeouts(config.c2s().unauthenticatedTimeout(), config.c2s().idleTimeout(), true,
                        config.c2s().restAfter()),
                config.c2s().maxQueuedBytes(),
                connection -> new ClientStream(connection, settings, lifecycle, router, modules,
                        host -> new SaslNegotiation(hostedAccounts.mechanisms(host))));
    }

    private XmlLimits xmlLimits() {
        return new XmlLimits(config.limits().maxStanzaBytes(), config.limits().maxDepth(),
                config.limits().maxAttributes());
    }

    /** Builds the server and opens its ports; throws if any part cannot start (and releases what did). */
    public static ParleyServer start(ParleyConfig config) throws Exception {
        ParleyServer server = open(config);
        try {
            server.listen();
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * Builds the server with its store and modules but opens no port: the command line's account
     * commands use it, so that deleting an account runs every module's clean-up (roster,
     * contacts' subscriptions, offline messages, blocklist) exactly as deletion over XMPP does.
     */
    public static ParleyServer open(ParleyConfig config) throws Exception {
        Files.createDirectories(config.dataDir());
        Database database = Database.open(config.store(), config.dataDir());
        try {
            return new ParleyServer(config, database);
        } catch (Exception | Error e) {
            database.close();
            throw e;
        }
    }

    /** The account operations over a database, without any module's clean-up (tests of storage use this). */
    public static AccountService openAccounts(Database database) {
        return new AccountService(new JdbcAccountRepository(database.jdbc()), new CredentialFactory()::create);
    }

    private void listen() throws InterruptedException {
        String address = config.c2s().bindAddress();
        c2sAddress = listener.bind(address, config.c2s().port(), false);
        log.info("Client connections (STARTTLS{}) on {}", config.c2s().requireTls() ? " required" : " optional",
                c2sAddress);
        if (config.c2s().directTlsEnabled()) {
            directTlsAddress = listener.bind(address, config.c2s().directTlsPort(), true);
            log.info("Client connections (direct TLS, XEP-0368) on {}", directTlsAddress);
        }
        if (federation != null) {
            s2sAddress = federation.bind();
            log.info("Server connections (STARTTLS{}, dialback) on {}",
                    config.s2s().requireTls() ? " required" : " optional", s2sAddress);
            if (federation.directTlsAddress() != null) {
                log.info("Server connections (direct TLS, XEP-0368) on {}", federation.directTlsAddress());
            }
        }
        if (componentListener != null) {
            componentAddress = componentListener.bind(config.components());
            log.info("Component connections (XEP-0114) on {}", componentAddress);
        }
        if (config.http().port() >= 0) {
            webSocketAddress = http.bind(address, config.http().port(), false);
            logHttpUrls("HTTP", webSocketAddress, "http", "ws");
        }
        if (config.http().tlsPort() >= 0) {
            webSocketTlsAddress = http.bind(address, config.http().tlsPort(), true);
            logHttpUrls("HTTPS", webSocketTlsAddress, "https", "wss");
        }
        log.info("Serving {} with store {}", String.join(", ", config.hosts()),
                config.store().embedded() ? Database.embeddedUrl(config.dataDir()) : config.store().jdbcUrl());
        log.info("TLS ({}) certificate {} SHA-256 fingerprint {}", tls.implementationName(),
                certificate.leaf().getSubjectX500Principal(), certificate.fingerprintSha256());
        log.info("Parley {} started", version());
    }

    /** Where a browser and web clients reach the HTTP listener bound at {@code bound}, under the first host's name. */
    private void logHttpUrls(String protocol, InetSocketAddress bound, String scheme, String webSocketScheme) {
        String authority = config.domain() + ":" + bound.getPort();
        log.info("{} on {}: web client {}://{}/, XMPP over WebSocket (RFC 7395) {}://{}{}, BOSH (XEP-0206) {}://{}{}",
                protocol, bound, scheme, authority, webSocketScheme, authority, config.http().websocketPath(), scheme,
                authority, config.http().bosh().path());
    }

    /** The software version, from the build. */
    public static String version() {
        try (InputStream in = ParleyServer.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Gives the sessions told to close a moment to write their stream error and finish their
     * end-of-session work (presence, last activity) before the loops and the store stop.
     */
    private void awaitSessionsClosed(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (sessions.active() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public String domain() {
        return config.domain();
    }

    /** The bound STARTTLS client port (useful when configured as 0). */
    public int c2sPort() {
        return c2sAddress.getPort();
    }

    /** The bound component port (XEP-0114), or -1 when no component is configured. */
    public int componentPort() {
        return componentAddress == null ? -1 : componentAddress.getPort();
    }

    /** The bound direct-TLS port, or -1 when off. */
    public int directTlsPort() {
        return directTlsAddress == null ? -1 : directTlsAddress.getPort();
    }

    /** The bound server-to-server port, or -1 when federation is off. */
    public int s2sPort() {
        return s2sAddress == null ? -1 : s2sAddress.getPort();
    }

    /** The bound direct TLS server-to-server port (XEP-0368), or -1 when off. */
    public int s2sDirectTlsPort() {
        return federation == null || federation.directTlsAddress() == null ? -1 : federation.directTlsAddress().getPort();
    }

    /** The bound plain HTTP (WebSocket) port, or -1 when off. */
    public int httpPort() {
        return webSocketAddress == null ? -1 : webSocketAddress.getPort();
    }

    /** The bound HTTPS (secure WebSocket) port, or -1 when off. */
    public int httpsPort() {
        return webSocketTlsAddress == null ? -1 : webSocketTlsAddress.getPort();
    }

    public X509Certificate certificate() {
        return certificate.leaf();
    }

    public AccountService accounts() {
        return accounts;
    }

    /** The accounts of the hosted domains as the features see them (the command line administers them so). */
    public Accounts hostedAccounts() {
        return hostedAccounts;
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    /**
     * Bytes waiting for peers that read slower than they are sent to: clients, components and servers
     * (each connection capped by its section's max-queued-bytes).
     */
    public long queuedOutboundBytes() {
        return listener.queuedBytes() + (componentListener == null ? 0 : componentListener.queuedBytes())
                + (federation == null ? 0 : federation.queuedBytes());
    }

    /** The client listener, whose per-connection pipeline tests build on an in-memory channel. */
    public ClientListener clientListener() {
        return listener;
    }

    /** Tells every client the server is going away, closes the ports, then the store. */
    @Override
    public void close() {
        for (Session session : sessions.all()) {
            session.close(StreamError.SYSTEM_SHUTDOWN, "The server is shutting down");
        }
        components.shutdown();
        awaitSessionsClosed(2_000);
        lifecycle.close();
        listener.close();
        http.close();
        if (federation != null) {
            federation.close();
        }
        if (componentListener != null) {
            componentListener.close();
        }
        // Every connection ends here, before the features and the store stop.
        loops.close();
        tls.close();
        modules.stopAll();
        database.close();
        if (c2sAddress != null) {
            log.info("Parley stopped");
        }
    }
}
