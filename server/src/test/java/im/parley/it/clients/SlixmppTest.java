package im.parley.it.clients;

import im.parley.testkit.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * slixmpp (Debian's python3-slixmpp, the library behind poezio and many bots) against Parley, as
 * an application uses it: logins with its defaults over STARTTLS and direct TLS, with OpenSSL and
 * the JDK's TLS, and with each mechanism; then two slixmpp users subscribing, seeing presence,
 * chatting, getting an offline message, reading a vCard, blocking, paging through the message
 * archive (XEP-0313) both ways, and two sessions of one user seeing each other's conversation as
 * message carbons (XEP-0280). Each scenario the script
 * {@code src/test/clients/slixmpp/matrix.py} reports is one test.
 */
class SlixmppTest {
    private static final String SCRIPT = "src/test/clients/slixmpp/matrix.py";
    private static final List<String> LOGINS = List.of("login-defaults-starttls", "login-defaults-direct-tls",
            "login-SCRAM-SHA-256-PLUS", "login-SCRAM-SHA-1-PLUS", "login-SCRAM-SHA-256", "login-SCRAM-SHA-1",
            "login-PLAIN", "downgrade-without-plus-refused");
    private static final List<String> IM = List.of("roster-subscription", "presence-both-ways", "chat-both-ways",
            "offline-message-delay", "vcard", "blocking", "archive-30-in-order", "carbons");

    @BeforeAll
    static void slixmppIsInstalled() {
        ClientScenarios.requirePythonModule("slixmpp", "python3-slixmpp");
    }

    @TestFactory
    List<DynamicTest> logins() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (String implementation : List.of("openssl", "jdk")) {
            try (TestServer server = TestServer.start("tls:\n  implementation: " + implementation + "\n")) {
                server.addUser("carol", "carol-pw");
                tests.addAll(ClientScenarios.run(List.of(ClientScenarios.PYTHON, SCRIPT, "logins", "127.0.0.1",
                                String.valueOf(server.port()), String.valueOf(server.server().directTlsPort()),
                                ClientScenarios.pemFile(server.certificate()).toString(), "carol", "carol-pw"))
                        .tests("(" + implementation + ")", LOGINS));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> instantMessaging() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.addUser("alice", "secret");
            server.addUser("bob", "secret");
            return ClientScenarios.run(List.of(ClientScenarios.PYTHON, SCRIPT, "im", "127.0.0.1", String.valueOf(server.port()),
                    ClientScenarios.pemFile(server.certificate()).toString(), "alice", "bob", "secret")).tests("(two slixmpp users)", IM);
        }
    }
}
