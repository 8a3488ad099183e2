package im.parley.it.clients;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.it.admin.AdminWebClient;
import im.parley.it.federation.TwoServers;
import im.parley.modules.mam.MamFeature;
import im.parley.modules.mam.export.ArchiveExport;
import im.parley.modules.mam.export.ExportVerifier;
import im.parley.store.Database;
import im.parley.store.JdbcArchiveStore;
import im.parley.testkit.TestServer;
import im.parley.xmpp.Jid;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * slixmpp (Debian's python3-slixmpp, the library behind poezio and many bots) against Parley, as
 * an application uses it: logins with its defaults over STARTTLS and direct TLS, with OpenSSL and
 * the JDK's TLS, and with each mechanism; then two slixmpp users subscribing, seeing presence,
 * chatting, holding presence while a client is inactive (XEP-0352), getting an offline message (and, in order
 * after the stored ones, those sent while logging in), reading a vCard, blocking, paging through the message
 * archive (XEP-0313) both ways, two sessions of one user seeing each other's conversation as
 * message carbons (XEP-0280), stream management (acknowledgements, and resumption after a
 * dropped connection), a chat room (XEP-0045) created, entered, talked in and left, and one
 * whose owner bans an occupant, who sees it (301) and is refused re-entry, a room's archive (XEP-0313 at
 * the room's JID) paged under the stanza-ids its occupants got, a message retracted by a moderator
 * (XEP-0425 version 0, as slixmpp speaks it), the STUN and TURN servers with TURN
 * credentials (XEP-0215), a file sent through the server's SOCKS5 proxy (XEP-0065), a file uploaded over
 * HTTPS (XEP-0363) and fetched back, and a push (XEP-0357)
 * to a slixmpp client acting as alice's app server while she is offline; their
 * archive is then exported and verified (parley archive export); and one user on two virtual
 * hosts with vCards switched off on one of them; slixmpp's ComponentXMPP as an external component
 * (XEP-0114) a slixmpp user talks to, privileged (XEP-0356) to use the user's roster and send in her name;
 * and personal eventing (XEP-0163): an avatar (XEP-0084) published and read, a contact's mood (XEP-0107)
 * notified. Each scenario the script
 * {@code src/test/clients/slixmpp/matrix.py} reports is one test.
 */
class SlixmppTest {
    private static final String SCRIPT = "src/test/clients/slixmpp/matrix.py";
    private static final List<String> LOGINS = List.of("login-defaults-starttls", "login-defaults-direct-tls",
            "login-SCRAM-SHA-256-PLUS", "login-SCRAM-SHA-1-PLUS", "login-SCRAM-SHA-256", "login-SCRAM-SHA-1",
            "login-PLAIN", "downgrade-without-plus-refused");
    private static final List<String> IM = List.of("roster-subscription", "presence-both-ways", "chat-both-ways",
            "client-state-indication", "offline-message-delay", "offline-then-live-in-order", "vcard", "blocking", "archive-30-in-order", "carbons",
            "stream-management", "chat-room", "chat-room-ban", "chat-room-archive", "chat-room-moderation",
            "external-services",
            "file-transfer-proxy", "file-upload", "push");
    private static final List<String> HOSTS = List.of("vcard-on-one-host-only", "disco-per-host");
    private static final List<String> FEDERATION = List.of("federated-subscription", "federated-chat", "federated-vcard",
            "federated-archive", "federated-pep-mood", "federated-blocking");
    private static final List<String> COMPONENT = List.of("component-handshake", "component-gets-message",
            "component-answers-iq", "component-sends-message", "privileged-roster", "privileged-message");
    private static final List<String> PEP = List.of("pep-avatar", "pep-mood-notification", "pep-disco-items",
            "pep-node-items-to-a-stranger", "pep-last-item-to-new-subscriber", "pubsub-authorize");

    @BeforeAll
    static void slixmppIsInstalled() {
        ClientScenarios.requirePythonModule("slixmpp", "python3-slixmpp");
    }

    @TestFactory
    List<DynamicTest> externalComponent() throws Exception {
        try (TestServer server = TestServer.start(
                "components:\n  port: 0\n  accept:\n    - {domain: slix.localhost, secret: slix-secret,"
                        + " privileges: {roster: both, message: outgoing}}\n")) {
            server.addUser("alice", "secret");
            return ClientScenarios.run(List.of(ClientScenarios.PYTHON, SCRIPT, "component", "127.0.0.1",
                    String.valueOf(server.port()), ClientScenarios.pemFile(server.certificate()).toString(), "alice",
                    "secret", String.valueOf(server.server().componentPort()), "slix.localhost", "slix-secret"))
                    .tests("(slixmpp's ComponentXMPP)", COMPONENT);
        }
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

    /** An account an admin added on the web admin page (over HTTP) logs in with every mechanism. */
    @TestFactory
    List<DynamicTest> accountAddedOnTheWebAdminPage() throws Exception {
        try (TestServer server = TestServer.start("admins: [admin@localhost]\n")) {
            server.addUser("admin", "admin-pw");
            assertThat(new AdminWebClient(server.server().httpPort()).loggedIn("admin@localhost", "admin-pw")
                    .submit("/admin/users", "/admin/users/add", "user", "carol", "password", "carol-pw").statusCode())
                    .isEqualTo(303);
            return ClientScenarios.run(List.of(ClientScenarios.PYTHON, SCRIPT, "logins", "127.0.0.1",
                            String.valueOf(server.port()), String.valueOf(server.server().directTlsPort()),
                            ClientScenarios.pemFile(server.certificate()).toString(), "carol", "carol-pw"))
                    .tests("(added on the web admin page)", LOGINS);
        }
    }

    /**
     * Personal eventing (XEP-0163) with slixmpp's plugins: an avatar (XEP-0084), a contact's mood (XEP-0107)
     * and the contact's nodes in disco#items (XEP-0060 §5.2);
     * and a subscription to an authorize node of the pubsub service, approved by its owner (XEP-0060 §8.6).
     */
    @TestFactory
    List<DynamicTest> personalEventing() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.addUser("alice", "secret");
            server.addUser("bob", "secret");
            return ClientScenarios.run(List.of(ClientScenarios.PYTHON, SCRIPT, "pep", "127.0.0.1",
                    String.valueOf(server.port()), ClientScenarios.pemFile(server.certificate()).toString(),
                    "alice", "bob", "secret")).tests("(two slixmpp users)", PEP);
        }
    }

    @TestFactory
    List<DynamicTest> instantMessaging() throws Exception {
        try (TestServer server = TestServer.start("external-services:\n  services: [\"stun:127.0.0.1\", \"turn:127.0.0.1\"]\n"
                + "  turn-secret: s3cret\nbytestreams-proxy: {enabled: true, port: 0}\n")) {
            server.addUser("alice", "secret");
            server.addUser("bob", "secret");
            List<DynamicTest> tests = new ArrayList<>(ClientScenarios.run(List.of(ClientScenarios.PYTHON, SCRIPT, "im",
                    "127.0.0.1", String.valueOf(server.port()), ClientScenarios.pemFile(server.certificate()).toString(),
                    "alice", "bob", "secret")).tests("(two slixmpp users)", IM));
            tests.add(exportVerifies(server));
            return tests;
        }
    }

    /**
     * What the slixmpp users archived, exported as {@code parley archive export --user bob} does
     * and verified: the 30 messages of the archive scenario are in bob's export, in order.
     */
    private static DynamicTest exportVerifies(TestServer server) throws IOException {
        StringWriter out = new StringWriter();
        try (Database database = Database.open(TestServer.config(server.dataDir()).store(), server.dataDir())) {
            new ArchiveExport(new JdbcArchiveStore(database.jdbc(), MamFeature.STORE), 100)
                    .write(new ArchiveExport.Scope(server.user("bob"), null), null, null, out);
        }
        String export = out.toString();
        ExportVerifier.Result result = ExportVerifier.verify(new ByteArrayInputStream(export.getBytes(StandardCharsets.UTF_8)));
        List<String> archived = Pattern.compile("\"body\":\"(mam \\d\\d)\"").matcher(export).results()
                .map(match -> match.group(1)).toList();
        return DynamicTest.dynamicTest("archive-export-verified (two slixmpp users)", () -> {
            assertThat(result.ok()).as("%s", result.problem()).isTrue();
            assertThat(archived).containsExactlyElementsOf(IntStream.range(0, 30).mapToObj("mam %02d"::formatted).toList());
        });
    }

    @TestFactory
    List<DynamicTest> perHostSettings() throws Exception {
        try (TestServer server = TestServer.start("domain: ~\nhosts:\n  - one.example\n  - two.example:\n"
                + "      vcard: {enabled: false}\n      search: {enabled: false}\n")) {
            for (String host : List.of("one.example", "two.example")) {
                server.server().accounts().create(Jid.of("alice", host, null), "secret");
            }
            return ClientScenarios.run(List.of(ClientScenarios.PYTHON, SCRIPT, "hosts", "127.0.0.1",
                    String.valueOf(server.port()), ClientScenarios.pemFile(server.certificate()).toString(), "alice",
                    "secret", "one.example", "two.example")).tests("(one user, two hosts)", HOSTS);
        }
    }

    /** A slixmpp user on each of two Parley servers that federate (static routes, dialback). */
    @TestFactory
    List<DynamicTest> federation() throws Exception {
        try (TwoServers servers = TwoServers.start("")) {
            servers.a.addUser("alice", "secret");
            servers.b.addUser("bob", "secret");
            return ClientScenarios.run(List.of(ClientScenarios.PYTHON, SCRIPT, "federation", "127.0.0.1",
                    String.valueOf(servers.a.port()), ClientScenarios.pemFile(servers.a.certificate()).toString(),
                    "a.test", String.valueOf(servers.b.port()),
                    ClientScenarios.pemFile(servers.b.certificate()).toString(), "b.test", "alice", "bob", "secret"))
                    .tests("(slixmpp users on two federated servers)", FEDERATION);
        }
    }
}
