package im.parley.it.federation;


import im.parley.it.clients.ClientScenarios;
import im.parley.testkit.FreePorts;
import im.parley.testkit.RecordingClient;
import im.parley.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Debian's ejabberd 23.01 ({@code ejabberd.example}) federating on loopback with two Parley
 * servers, both directions: {@code certified.example} holds a certificate from the test CA both
 * sides trust and has dialback off, so only SASL EXTERNAL authenticates it (and ejabberd, whose
 * certificate is from the same CA); {@code dialback.example} keeps its self-signed certificate and
 * trusts no CA, so only Server Dialback does. Parley reaches ejabberd by a static route; ejabberd
 * finds both Parley servers by the SRV records dnsmasq answers on a loopback port (Erlang's
 * resolver is pointed there by the inetrc file the node reads, {@code ERL_INETRC}); their target,
 * {@code localhost}, it resolves through the system's resolver ({@code getaddrinfo}). Rooms too:
 * each side's users enter the other's (ejabberd's mod_muc at {@code conference.ejabberd.example}).
 */
class EjabberdFederationTest {
    private static final Path EJABBERDCTL = Path.of("/usr/sbin/ejabberdctl");

    private static Path dir;
    private static Process dnsmasq;
    private static Process ejabberd;
    private static TestServer certified;
    private static TestServer dialback;
    private static int ejabberdC2s;

    @BeforeAll
    static void start() throws Exception {
        ClientScenarios.requireInstalled(Files.isExecutable(EJABBERDCTL), "ejabberd", "apt-get install ejabberd");
        dir = Files.createTempDirectory("parley-ejabberd");
        int certifiedS2s = FreePorts.next();
        int dialbackS2s = FreePorts.next();
        int ejabberdS2s = FreePorts.next();
        ejabberdC2s = FreePorts.next();
        int dnsPort = FreePorts.next();
        // The rooms' domains too: ejabberd's room service sends from conference.ejabberd.example to them,
        // and verifies a room's dialback key with its domain's server.
        dnsmasq = Daemons.dnsmasq(dir.resolve("dnsmasq.log"), dnsPort, List.of(
                new Daemons.DomainPort("certified.example", certifiedS2s, -1, "localhost"),
                new Daemons.DomainPort("conference.certified.example", certifiedS2s, -1, "localhost"),
                new Daemons.DomainPort("dialback.example", dialbackS2s, -1, "localhost"),
                new Daemons.DomainPort("conference.dialback.example", dialbackS2s, -1, "localhost")));
        TestCertificates ca = new TestCertificates(dir);
        String certifiedTls = ca.issue("certified.example");
        ca.issue("ejabberd.example");
        // ejabberd pairs a key with its certificate by the public key, which the JDK's PKCS #8 leaves out.
        Daemons.run(dir.resolve("commands.log"), "openssl", "ec", "-in", dir.resolve("ejabberd.example.key.pem").toString(),
                "-out", dir.resolve("ejabberd.example.ec.pem").toString());
        ejabberd = startEjabberd(dnsPort, ejabberdS2s, ca.caFile());
        String route = TwoServers.staticRoutes("ejabberd.example", ejabberdS2s);
        certified = TestServer.start("domain: certified.example\n" + certifiedTls
                + "s2s:\n  enabled: true\n  bind-address: 127.0.0.1\n  port: " + certifiedS2s + "\n"
                + "  dialback: false\n  ca-certificates: ['" + ca.caFile() + "']\n" + route);
        dialback = TestServer.start("domain: dialback.example\n"
                + "s2s:\n  enabled: true\n  bind-address: 127.0.0.1\n  port: " + dialbackS2s + "\n" + route);
    }

    /** ejabberd as its Debian package runs it (as the user ejabberd), with everything of its own in {@code dir}. */
    private static Process startEjabberd(int dnsPort, int s2sPort, Path caFile) throws Exception {
        // resolv_conf "" first: otherwise /etc/resolv.conf's servers replace the one named here.
        Files.writeString(dir.resolve("inetrc"), """
                {resolv_conf, ""}.
                {nameserver, {127,0,0,1}, %d}.
                {host, {127,0,0,1}, ["localhost"]}.
                {lookup, [file, dns]}.
                """.formatted(dnsPort));
        Files.writeString(dir.resolve("ejabberd.yml"), """
                hosts: [ejabberd.example]
                loglevel: info
                certfiles: ["%1$s/ejabberd.example.crt.pem", "%1$s/ejabberd.example.ec.pem"]
                ca_file: "%2$s"
                s2s_use_starttls: required
                s2s_dns_timeout: 5
                s2s_dns_retries: 1
                outgoing_s2s_families: [ipv4]
                auth_method: internal
                listen:
                  - port: %3$d
                    ip: "127.0.0.1"
                    module: ejabberd_c2s
                  - port: %4$d
                    ip: "127.0.0.1"
                    module: ejabberd_s2s_in
                modules:
                  mod_roster: {}
                  mod_disco: {}
                  mod_ping: {}
                  mod_s2s_dialback: {}
                  mod_muc:
                    hosts: [conference.ejabberd.example]
                """.formatted(dir, caFile, ejabberdC2s, s2sPort));
        Files.writeString(dir.resolve("ejabberdctl.cfg"), "ERLANG_NODE=parley-test-" + s2sPort + "@localhost\n");
        Files.createDirectories(dir.resolve("spool"));
        Files.createDirectories(dir.resolve("logs"));
        Daemons.run(dir.resolve("commands.log"), "chown", "-R", "ejabberd:", dir.toString());
        Process process = new ProcessBuilder(ejabberdctl("foreground")).redirectErrorStream(true)
                .redirectOutput(dir.resolve("console.log").toFile()).start();
        Daemons.awaitPort(ejabberdC2s);
        Daemons.run(dir.resolve("commands.log"), ejabberdctl("started").toArray(String[]::new));
        Daemons.run(dir.resolve("commands.log"),
                ejabberdctl("register", "edna", "ejabberd.example", "edna-pw").toArray(String[]::new));
        return process;
    }

    /** ejabberdctl with this test's configuration, spool, logs and inetrc (the configuration directory's). */
    private static List<String> ejabberdctl(String... command) {
        List<String> line = new java.util.ArrayList<>(List.of(EJABBERDCTL.toString(), "--config-dir", dir.toString(),
                "--config", dir.resolve("ejabberd.yml").toString(), "--ctl-config", dir.resolve("ejabberdctl.cfg").toString(),
                "--spool", dir.resolve("spool").toString(), "--logs", dir.resolve("logs").toString()));
        line.addAll(List.of(command));
        return line;
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (certified != null) {
                certified.close();
            }
            if (dialback != null) {
                dialback.close();
            }
        } finally {
            Daemons.stop(ejabberd);
            Daemons.stop(dnsmasq);
        }
    }

    @Test
    void withCertificatesUsersSubscribeSeePresenceChatAndJoinEachOthersRoomsBothWays() throws Exception {
        subscribeChatAndMeetInRooms(certified, "carol");
    }

    @Test
    void withDialbackUsersSubscribeSeePresenceChatAndJoinEachOthersRoomsBothWays() throws Exception {
        subscribeChatAndMeetInRooms(dialback, "dave");
    }

    /** A Parley user and ejabberd's edna meet (subscriptions, presence, chat, each other's rooms), Parley's side first. */
    private static void subscribeChatAndMeetInRooms(TestServer parley, String user) throws Exception {
        try (RecordingClient parleyUser = TwoServers.user(parley, user, "phone");
                RecordingClient edna = Daemons.login("ejabberd.example", ejabberdC2s, "edna", "edna-pw", user)) {
            TwoServers.meetAcrossServers(parleyUser, "lounge@conference." + parley.domain(),
                    edna, "den-" + user + "@conference.ejabberd.example");
        }
    }
}
