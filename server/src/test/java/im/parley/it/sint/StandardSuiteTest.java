package im.parley.it.sint;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.TestServer;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.igniterealtime.smack.inttest.FailedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The standard interop suite: Smack's Integration Test Framework against the server under test,
 * with everything enabled except what {@code sint-disabled.properties} lists with a reason.
 *
 * <p>By default the server under test is Parley, started in-process on a free loopback port with a
 * fresh store, in-band registration closed and one admin account, created directly in the store:
 * SINT creates and deletes its accounts with XEP-0133 service administration as that admin. The
 * low-level tests (those run once per kind of connection) run over TCP and over XMPP over
 * WebSocket (wss://, RFC 7395) on Parley's HTTPS port. To run the
 * suite against another server (e.g. to compare), name it with system properties:
 * <pre>
 * mvn -o -pl server test -Dtest=StandardSuiteTest -Dparley.sint.host=127.0.0.1 -Dparley.sint.port=15222 \
 *     -Dparley.sint.domain=localhost -Dparley.sint.certificate=/path/to/server.crt
 * </pre>
 * Optional: {@code parley.sint.webSocket} (the server's wss:// endpoint, for the low-level tests over WebSocket),
 * {@code parley.sint.adminUsername}/{@code adminPassword} (XEP-0133 account set-up instead of
 * in-band registration), {@code parley.sint.disabled} (a disabled list file used instead of the
 * resource), {@code parley.sint.replyTimeoutSeconds}, {@code parley.sint.connections}
 * ({@code tcp,modular}; Parley's own run adds {@code websocket}), {@code parley.sint.debugger} ({@code console}), {@code parley.sint.classes}
 * (test classes by simple name, comma-separated: only what the exclusions leave of them runs).
 */
class StandardSuiteTest {
    private static final String PROPERTY = "parley.sint.";
    private static final String DISABLED_LIST = "/sint-disabled.properties";
    /** Tests the framework documents as racy: a failure of one of them is run once more, alone. */
    private static final String RACY_LIST = "/sint-racy.properties";
    private static final String ADMIN = "sint-admin";
    private static final String ADMIN_PASSWORD = "sint-admin-secret";

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void everyEnabledTestOfTheStandardSuitePasses() throws Exception {
        String host = System.getProperty(PROPERTY + "host");
        if (host != null) {
            SintTarget target = externalServer(host);
            runSuite(() -> new SintRunner(target), false);
            return;
        }
        try (TestServer parley = TestServer.start("admins: [" + ADMIN + "@" + TestServer.DOMAIN + "]\n"
                + "bytestreams-proxy: {enabled: true, port: 0}\n")) {
            parley.addUser(ADMIN, ADMIN_PASSWORD);
            SintTarget target = SintTarget.trusting("127.0.0.1", parley.port(), TestServer.DOMAIN,
                    List.of(parley.certificate())).withWebSocket(
                    URI.create("wss://localhost:" + parley.server().httpsPort() + "/xmpp-websocket"));
            runSuite(() -> new SintRunner(target).adminAccount(ADMIN, ADMIN_PASSWORD), true);
        }
    }

    /**
     * Runs the suite; a failure of a test that {@code sint-racy.properties} lists (tests whose race the
     * framework itself documents) is run once more on its own, and the suite passes only if it passes
     * then. Any other failure fails at once. With {@code everyTestRuns} (Parley's own run), a test or
     * class the framework found not possible fails too: it means a feature Parley claims went missing
     * (another server compared with it may lack some).
     */
    private static void runSuite(Supplier<SintRunner> runners, boolean everyTestRuns) throws Exception {
        SintCatalog catalog = SintCatalog.discover();
        SintExclusions exclusions = exclusions(catalog);
        SintRunner runner = configureFromProperties(runners.get()).exclusions(exclusions);
        String classes = System.getProperty(PROPERTY + "classes");
        if (classes != null) {
            runner.only(ofClasses(catalog, exclusions, List.of(classes.split(","))));
        }
        SintReport report = runner.run();
        System.out.println(report.summary());
        assertThat(report.abort()).as("the framework aborted the run").isNull();
        assertThat(report.passed()).as("tests that ran and passed").isPositive();
        if (everyTestRuns) {
            assertThat(report.skipped()).as("enabled tests the framework found not possible (details above)").isEmpty();
            assertThat(report.skippedClasses()).as("enabled classes the framework found not possible").isEmpty();
        }

        SintExclusions racy = SintExclusions.load(RACY_LIST, catalog);
        List<String> failed = report.failures().stream().map(StandardSuiteTest::testName).toList();
        assertThat(failed).as("failed SINT tests (details above)").allMatch(test -> isListed(test, racy));
        if (failed.isEmpty()) {
            return;
        }
        SintReport rerun = configureFromProperties(runners.get()).only(failed).run();
        System.out.println("Run again alone, as " + RACY_LIST + " allows: " + rerun.summary());
        assertThat(rerun.abort()).as("the framework aborted the rerun").isNull();
        assertThat(rerun.failures()).as("failed again when run alone (details above)").isEmpty();
        assertThat(rerun.passed()).as("tests that passed when run again").isEqualTo(failed.size());
    }

    /** What the exclusions leave of these test classes (simple names): a developer's run of a part of the suite. */
    private static List<String> ofClasses(SintCatalog catalog, SintExclusions exclusions, List<String> simpleNames) {
        List<String> enabled = exclusions.enabledTests().isEmpty()
                ? catalog.classes().stream().map(c -> c.type().getName()).toList()
                : exclusions.enabledTests();
        return enabled.stream().filter(test -> simpleNames.stream().anyMatch(
                name -> test.contains("." + name + ".") || test.endsWith("." + name))).toList();
    }

    private static String testName(FailedTest failure) {
        Method method = failure.concreteTest.getMethod();
        return method.getDeclaringClass().getName() + "." + method.getName();
    }

    private static boolean isListed(String test, SintExclusions list) {
        return list.methods().containsKey(test)
                || list.classes().containsKey(test.substring(0, test.lastIndexOf('.')));
    }

    /** Another server named by system properties, for comparison runs. */
    private static SintTarget externalServer(String host) throws IOException {
        int port = Integer.getInteger(PROPERTY + "port", 5222);
        String domain = System.getProperty(PROPERTY + "domain", host);
        Path certificate = Path.of(required("certificate"));
        SintTarget target = SintTarget.trusting(host, port, domain, SintTarget.readCertificates(certificate));
        String webSocket = System.getProperty(PROPERTY + "webSocket");
        return webSocket == null ? target : target.withWebSocket(URI.create(webSocket));
    }

    private static SintExclusions exclusions(SintCatalog catalog) throws IOException {
        String file = System.getProperty(PROPERTY + "disabled");
        if (file == null) {
            return SintExclusions.load(DISABLED_LIST, catalog);
        }
        try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            return SintExclusions.parse(reader, catalog);
        }
    }

    private static SintRunner configureFromProperties(SintRunner runner) {
        String admin = System.getProperty(PROPERTY + "adminUsername");
        if (admin != null) {
            runner.adminAccount(admin, required("adminPassword"));
        }
        Integer timeout = Integer.getInteger(PROPERTY + "replyTimeoutSeconds");
        if (timeout != null) {
            runner.replyTimeout(Duration.ofSeconds(timeout));
        }
        String connections = System.getProperty(PROPERTY + "connections");
        if (connections != null) {
            runner.connections(List.of(connections.split(",")));
        }
        String debugger = System.getProperty(PROPERTY + "debugger");
        if (debugger != null) {
            runner.debugger(debugger);
        }
        return runner;
    }

    private static String required(String name) {
        String value = System.getProperty(PROPERTY + name);
        if (value == null) {
            throw new IllegalArgumentException("system property " + PROPERTY + name + " is required");
        }
        return value;
    }
}
