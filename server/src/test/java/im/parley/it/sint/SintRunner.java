package im.parley.it.sint;

import java.security.MessageDigest;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.igniterealtime.smack.inttest.Configuration;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework.TestRunResult;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework;
import org.igniterealtime.smack.inttest.XmppConnectionDescriptor;
import org.igniterealtime.smack.inttest.XmppConnectionManager;
import org.jivesoftware.smack.AbstractXMPPConnection;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnection;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnectionConfiguration;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smack.websocket.XmppWebSocketTransportModuleDescriptor;
import org.jivesoftware.smack.websocket.java11.Java11WebSocketFactory;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5Proxy;
import org.jivesoftware.smackx.omemo.signal.SignalOmemoService;

/**
 * Runs Smack's Integration Test Framework (SINT) 4.5.0-beta5 in this JVM against one
 * {@link SintTarget} and returns what happened.
 *
 * <p>SINT has no port setting and always builds its set-up connection from the default
 * connection descriptor, so the runner replaces the framework's connection descriptors (a
 * JVM-wide registry) with ones that carry the target's address, port and trust, and names
 * {@value #TCP} the default. SINT's own WebSocket descriptors are removed (they would look the
 * endpoint up with XEP-0156 at the domain's HTTPS host); when the target names its WebSocket
 * endpoint, a {@value #WEBSOCKET} descriptor connects there instead, and the low-level tests (those
 * that run once per kind of connection) run over it as well as over TCP. Because of that
 * JVM-wide state, run one suite at a time.
 *
 * <p>Test accounts are created with XEP-0077 in-band registration, or with XEP-0133 service
 * administration when an admin account is given, and deleted after the run.
 */
public final class SintRunner {
    /** Smack's classic TCP connection, the one clients use; the default and the account set-up connection. */
    public static final String TCP = "tcp";
    /** Smack's newer modular connection over TCP, with stream compression available. */
    public static final String MODULAR = "modular";
    /** Smack's modular connection over XMPP over WebSocket (RFC 7395), at the target's wss:// endpoint. */
    public static final String WEBSOCKET = "websocket";
    private static final List<String> UNSUPPORTED_DESCRIPTORS = List.of(
            "modular-nocompress", "modular-websocket-okhttp", "modular-websocket-java11");

    static {
        // Smack 4.5.0-beta5 asserts that a parsed namespace prefix is null or non-empty, but its StAX parser
        // reports the default namespace as "": with -ea (surefire's default) every unknown extension element
        // in a presence kills the connection's reader thread. Assertion status is fixed when a class is
        // initialised, so this must run before Smack's providers are; run() is the first to use them.
        SintRunner.class.getClassLoader().setPackageAssertionStatus("org.jivesoftware", false);
        SintRunner.class.getClassLoader().setPackageAssertionStatus("org.igniterealtime", false);
    }

    private final SintTarget target;
    private SintExclusions exclusions = SintExclusions.none();
    /** When not empty, SINT's {@code enabledTests}: only these classes or {@code Class.method}s run. */
    private List<String> only = List.of();
    private Set<String> connections;
    private Duration replyTimeout = Duration.ofSeconds(10);
    private String adminUsername;
    private String adminPassword;
    private String debugger;

    public SintRunner(SintTarget target) {
        this.target = Objects.requireNonNull(target, "target");
        this.connections = target.webSocket() == null ? Set.of(TCP) : Set.of(TCP, WEBSOCKET);
    }

    /** What not to run, with reasons; by default everything runs. */
    public SintRunner exclusions(SintExclusions exclusions) {
        this.exclusions = Objects.requireNonNull(exclusions, "exclusions");
        return this;
    }

    /** Runs only these tests ({@code fully.qualified.Class.method} or a class name) instead of the exclusions' rest. */
    public SintRunner only(Collection<String> tests) {
        if (tests.isEmpty()) {
            throw new IllegalArgumentException("name at least one test to run");
        }
        this.only = List.copyOf(tests);
        return this;
    }

    /** Creates test accounts with XEP-0133 ad-hoc commands as this admin instead of in-band registration. */
    public SintRunner adminAccount(String username, String password) {
        this.adminUsername = Objects.requireNonNull(username, "username");
        this.adminPassword = Objects.requireNonNull(password, "password");
        return this;
    }

    /**
     * How long a test waits for an answer (default 10 s, SINT's own is 47 s). Tests that check
     * that something does not arrive wait this long, so it bounds the run time.
     */
    public SintRunner replyTimeout(Duration timeout) {
        this.replyTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * Which connection kinds the low-level tests use: {@link #TCP}, {@link #MODULAR} and, when the
     * target has a WebSocket endpoint, {@link #WEBSOCKET}. By default TCP, and WebSocket where there is one.
     */
    public SintRunner connections(Collection<String> nicknames) {
        Set<String> known = target.webSocket() == null ? Set.of(TCP, MODULAR) : Set.of(TCP, MODULAR, WEBSOCKET);
        if (nicknames.isEmpty() || !known.containsAll(nicknames)) {
            throw new IllegalArgumentException("connections must be among " + known + ": " + nicknames);
        }
        this.connections = Set.copyOf(nicknames);
        return this;
    }

    /** Smack's debugger for every test connection: SINT's names, e.g. "console" (stanzas on stdout) or "none". */
    public SintRunner debugger(String name) {
        this.debugger = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Runs the suite. A run that the framework aborts (a test threw something it does not
     * expect, or the target could not be reached) is reported, not thrown, with the results
     * gathered up to that point.
     */
    public SintReport run() throws Exception {
        registerConnectionDescriptors();
        if (connections.contains(WEBSOCKET)) {
            target.trustForWebSocket();
        }
        // Smack's local SOCKS5 proxy would listen on every interface; file transfer then uses the server's proxy.
        Socks5Proxy.setLocalSocks5ProxyEnabled(false);
        // The OMEMO tests (XEP-0384) need an OMEMO implementation registered: Smack's Signal one, a test
        // dependency, whose GPL-3.0 licence Smack asks to be acknowledged before use. Its AES-GCM cipher is
        // initialised with an IvParameterSpec, which only Bouncy Castle's AES/GCM takes (the JDK's wants a
        // GCMParameterSpec), so Bouncy Castle goes first for this JVM's AES/GCM.
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.insertProviderAt(new BouncyCastleProvider(), 1);
        }
        SignalOmemoService.acknowledgeLicense();
        if (!SignalOmemoService.isServiceRegistered()) {
            SignalOmemoService.setup();
        }
        ResultKeepingFramework framework = new ResultKeepingFramework(configuration());
        long start = System.nanoTime();
        TestRunResult result;
        Throwable abort = null;
        try {
            result = framework.run();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception | AssertionError e) {
            result = framework.resultSoFar();
            abort = e;
        }
        return new SintReport(result, abort, Duration.ofNanos(System.nanoTime() - start));
    }

    Configuration configuration() throws Exception {
        Configuration.Builder builder = Configuration.builder()
                .setService(target.domain())
                .setSecurityMode(SecurityMode.required.name())
                .setReplyTimeout(Long.toString(replyTimeout.toMillis()))
                .setDefaultConnection(TCP)
                .setEnabledConnections(String.join(",", connections));
        if (!exclusions.specifications().isEmpty()) {
            builder.setDisabledSpecifications(String.join(",", exclusions.specifications().keySet()));
        }
        if (!exclusions.classes().isEmpty()) {
            builder.setDisabledTests(String.join(",", exclusions.classes().keySet()));
        }
        List<String> enabledTests = only.isEmpty() ? exclusions.enabledTests() : only;
        if (!enabledTests.isEmpty()) {
            builder.setEnabledTests(String.join(",", enabledTests));
        }
        if (adminUsername != null) {
            builder.setAdminAccountUsernameAndPassword(adminUsername, adminPassword);
        }
        if (debugger != null) {
            builder.setDebugger(debugger);
        }
        X509Certificate[] trusted = target.trustManager().getAcceptedIssuers();
        if (trusted.length == 1) {
            // The tests that make HTTP requests of their own (HTTP File Upload) trust the server through this pin.
            builder.setServiceTlsPin("CERTSHA256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(trusted[0].getEncoded())));
        }
        return builder.build();
    }

    private void registerConnectionDescriptors() throws ReflectiveOperationException {
        UNSUPPORTED_DESCRIPTORS.forEach(XmppConnectionManager::removeConnectionDescriptor);
        // Adding replaces the framework's descriptor of the same nickname.
        XmppConnectionManager.addConnectionDescriptor(descriptor(TCP,
                XMPPTCPConnection.class, XMPPTCPConnectionConfiguration.class, XMPPTCPConnectionConfiguration.Builder.class));
        XmppConnectionManager.addConnectionDescriptor(descriptor(MODULAR,
                ModularXmppClientToServerConnection.class, ModularXmppClientToServerConnectionConfiguration.class,
                ModularXmppClientToServerConnectionConfiguration.Builder.class));
        if (target.webSocket() != null) {
            XmppConnectionManager.addConnectionDescriptor(XmppConnectionDescriptor.buildWith(
                            ModularXmppClientToServerConnection.class, ModularXmppClientToServerConnectionConfiguration.class,
                            ModularXmppClientToServerConnectionConfiguration.Builder.class)
                    .withNickname(WEBSOCKET)
                    .applyExtraConfiguration(this::overWebSocket)
                    .build());
        }
    }

    /**
     * Replaces the modular connection's TCP module with the WebSocket one, pointed at the target's
     * endpoint. The JDK's WebSocket client is named, not left to Smack's service lookup, which may
     * find OkHttp's on the class path, whose trust the target's cannot be given to.
     */
    private void overWebSocket(ModularXmppClientToServerConnectionConfiguration.Builder builder) {
        target.applyTo(builder);
        builder.removeAllModules();
        builder.addModule(XmppWebSocketTransportModuleDescriptor.getBuilder(builder)
                .explicitlySetWebSocketEndpointAndDiscovery(target.webSocket(), false)
                .setWebSocketFactory(new Java11WebSocketFactory())
                .build());
    }

    private <C extends AbstractXMPPConnection, CC extends ConnectionConfiguration,
            CCB extends ConnectionConfiguration.Builder<?, CC>> XmppConnectionDescriptor<C, CC, CCB> descriptor(
            String nickname, Class<C> connection, Class<CC> configuration, Class<CCB> builder)
            throws ReflectiveOperationException {
        return XmppConnectionDescriptor.buildWith(connection, configuration, builder)
                .withNickname(nickname)
                .applyExtraConfiguration(target::applyTo)
                .build();
    }

    /** Keeps hold of the framework's result object, which {@code run()} drops when it throws. */
    private static final class ResultKeepingFramework extends SmackIntegrationTestFramework {
        ResultKeepingFramework(Configuration configuration) {
            super(configuration);
        }

        TestRunResult resultSoFar() {
            return testRunResult;
        }
    }
}
