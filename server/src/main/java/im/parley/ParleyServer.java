package im.parley;

import im.parley.account.AccountService;
import im.parley.account.JdbcAccountRepository;
import im.parley.auth.CredentialFactory;
import im.parley.auth.SaslMechanisms;
import im.parley.config.ParleyConfig;
import im.parley.module.ModuleRegistry;
import im.parley.modules.adhoc.AdHocCommands;
import im.parley.modules.adhoc.AdHocModule;
import im.parley.modules.admin.AdminModule;
import im.parley.modules.blocking.BlockingModule;
import im.parley.modules.blocking.Blocklists;
import im.parley.modules.blocking.JdbcAbuseReportRepository;
import im.parley.modules.blocking.JdbcBlocklistRepository;
import im.parley.modules.caps.CapsModule;
import im.parley.modules.disco.DiscoModule;
import im.parley.modules.lastactivity.LastActivityModule;
import im.parley.modules.lastactivity.LastLogoutStore;
import im.parley.modules.offline.JdbcOfflineStore;
import im.parley.modules.offline.OfflineModule;
import im.parley.modules.ping.PingModule;
import im.parley.modules.presence.JdbcLastPresenceStore;
import im.parley.modules.presence.PresenceModule;
import im.parley.modules.privacy.RefuseStrangersModule;
import im.parley.modules.privacy.StrangerSettings;
import im.parley.modules.privatexml.PrivateXmlModule;
import im.parley.modules.privatexml.PrivateXmlStore;
import im.parley.modules.register.RegisterModule;
import im.parley.modules.roster.JdbcRosterStore;
import im.parley.modules.roster.Roster;
import im.parley.modules.roster.RosterModule;
import im.parley.modules.search.DirectoryStore;
import im.parley.modules.search.SearchModule;
import im.parley.modules.time.TimeModule;
import im.parley.modules.vcard.VCardModule;
import im.parley.modules.vcard.VCardStore;
import im.parley.modules.version.VersionModule;
import im.parley.net.ClientListener;
import im.parley.router.StanzaRouter;
import im.parley.session.Session;
import im.parley.session.SessionRegistry;
import im.parley.store.Database;
import im.parley.stream.ClientStream;
import im.parley.stream.SaslNegotiation;
import im.parley.stream.StreamSettings;
import im.parley.tls.ServerCertificate;
import im.parley.tls.TlsContexts;
import im.parley.xml.XmlLimits;
import im.parley.xmpp.Jid;
import im.parley.xmpp.StreamError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Properties;
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
    private final ServerCertificate certificate;
    private final TlsContexts tls;
    private final SessionRegistry sessions;
    private final ModuleRegistry modules;
    private final ClientListener listener;
    private InetSocketAddress c2sAddress;
    private InetSocketAddress directTlsAddress;

    private ParleyServer(ParleyConfig config, Database database) throws Exception {
        this.config = config;
        this.database = database;
        String domain = config.domain();
        accounts = openAccounts(database);
        certificate = ServerCertificate.obtain(domain, config.dataDir(),
                config.tls().certificate().orElse(null), config.tls().key().orElse(null));
        tls = new TlsContexts(certificate, config.tls().implementation());

        sessions = new SessionRegistry();
        StanzaRouter router = new StanzaRouter(domain, sessions, accounts::exists);
        modules = new ModuleRegistry(domain, router, sessions);
        router.modules(modules);
        modules.load(new DiscoModule(modules, "Parley"));
        modules.load(new PingModule());
        modules.load(new VersionModule("Parley", version()));
        modules.load(new TimeModule(Clock.systemDefaultZone()));
        modules.load(new RegisterModule(accounts, config.registration()));
        Clock clock = Clock.systemUTC();
        RosterModule roster = new RosterModule(new JdbcRosterStore(database.jdbc()), accounts, config.roster());
        modules.load(roster);
        Roster rosters = roster.roster();
        modules.load(new PresenceModule(rosters, new JdbcLastPresenceStore(database.jdbc()), accounts, clock));
        modules.load(new OfflineModule(new JdbcOfflineStore(database.jdbc()), accounts, config.offline(), clock));

        AdHocCommands commands = new AdHocCommands();
        modules.load(new AdHocModule(commands, clock));
        modules.load(new AdminModule(commands, accounts, config.admins()));

        Blocklists blocklists = new Blocklists(new JdbcBlocklistRepository(database.jdbc()));
        accounts.addDeletionListener(blocklists::forget);
        modules.load(new BlockingModule(blocklists, rosters, new JdbcAbuseReportRepository(database.jdbc()),
                commands, config.admins(), clock));
        StrangerSettings strangers = new StrangerSettings(database.jdbc(), config.privacy().refuseStrangersDefault());
        accounts.addDeletionListener(strangers::forget);
        modules.load(new RefuseStrangersModule(strangers,
                (user, contact) -> rosters.isInRoster(Jid.of(user, domain, null), contact.bare()), commands));

        modules.load(new VCardModule(new VCardStore(database.jdbc()), config.vcard()));
        modules.load(new SearchModule(new DirectoryStore(database.jdbc()), commands, config.search()));
        modules.load(new PrivateXmlModule(new PrivateXmlStore(database.jdbc()), config.privateStorage()));
        modules.load(new LastActivityModule(new LastLogoutStore(database.jdbc()),
                (user, requester) -> rosters.subscription(user.bare(), requester.bare()).hasFrom(), clock));
        modules.load(new CapsModule(modules, config.caps()));

        SaslMechanisms mechanisms = new SaslMechanisms(accounts, domain);
        StreamSettings settings = new StreamSettings(domain, config.c2s().requireTls(),
                config.c2s().resourceConflict(), config.limits().maxAuthFailures(),
                config.c2s().unauthenticatedTimeout());
        XmlLimits limits = new XmlLimits(config.limits().maxStanzaBytes(), config.limits().maxDepth(),
                config.limits().maxAttributes());
        listener = new ClientListener(tls, limits,
                new ClientListener.Timeouts(config.c2s().unauthenticatedTimeout(), config.c2s().idleTimeout(),
                        config.c2s().restAfter()),
                connection -> new ClientStream(connection, settings, sessions, router, modules,
                        new SaslNegotiation(mechanisms)));
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
        log.info("Serving domain {} with store {}", config.domain(),
                config.store().embedded() ? Database.embeddedUrl(config.dataDir()) : config.store().jdbcUrl());
        log.info("TLS ({}) certificate {} SHA-256 fingerprint {}", tls.implementationName(),
                certificate.leaf().getSubjectX500Principal(), certificate.fingerprintSha256());
        log.info("Parley {} started; in-band registration {}", version(),
                config.registration().enabled() ? "open" : "closed");
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

    /** The bound direct-TLS port, or -1 when off. */
    public int directTlsPort() {
        return directTlsAddress == null ? -1 : directTlsAddress.getPort();
    }

    public X509Certificate certificate() {
        return certificate.leaf();
    }

    public AccountService accounts() {
        return accounts;
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    /** Tells every client the server is going away, closes the ports, then the store. */
    @Override
    public void close() {
        for (Session session : sessions.all()) {
            session.close(StreamError.SYSTEM_SHUTDOWN, "The server is shutting down");
        }
        awaitSessionsClosed(2_000);
        listener.close();
        tls.close();
        modules.stopAll();
        database.close();
        if (c2sAddress != null) {
            log.info("Parley stopped");
        }
    }
}
