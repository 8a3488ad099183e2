package im.parley.it.federation;

import im.parley.testkit.FreePorts;
import static org.assertj.core.api.Assertions.assertThat;

import im.parley.it.clients.ClientScenarios;
import im.parley.testkit.RecordingClient;
import im.parley.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Debian's Prosody ({@code prosody.example}) federating on loopback with two Parley servers, both
 * directions: {@code parley.example} keeps its self-signed certificate, so Server Dialback
 * authenticates it, over bidirectional streams (XEP-0288, Prosody's mod_s2s_bidi);
 * {@code certified.example} holds a certificate from the test CA both sides trust, has dialback
 * and bidirectional streams off (so each server opens its own stream to the other) and is one of
 * Prosody's {@code s2s_secure_domains}, so only SASL EXTERNAL authenticates it both ways. Parley
 * reaches Prosody by a static route;
 * Prosody finds Parley by the SRV record dnsmasq answers on a loopback port (Prosody's resolver,
 * libunbound, forwards there; it answers the special-use {@code .test} names itself, hence
 * {@code .example}). Rooms too: each side's user enters the other's (Prosody's MUC component at
 * {@code conference.prosody.example}).
 */
class ProsodyFederationTest {
    private static final Path PROSODY = Path.of("/usr/bin/prosody");

    private static Path dir;
    private static Process dnsmasq;
    private static Process prosody;
    private static TestServer parley;
    private static TestServer certified;
    private static int prosodyC2s;

    @BeforeAll
    static void start() throws Exception {
        ClientScenarios.requireInstalled(Files.isExecutable(PROSODY), "prosody", "apt-get install prosody lua-unbound");
        dir = Files.createTempDirectory("parley-prosody");
        int parleyS2s = FreePorts.next();
        int certifiedS2s = FreePorts.next();
        int prosodyS2s = FreePorts.next();
        prosodyC2s = FreePorts.next();
        int dnsPort = FreePorts.next();
        dnsmasq = Daemons.dnsmasq(dir.resolve("dnsmasq.log"), dnsPort, List.of(
                new Daemons.DomainPort("parley.example", parleyS2s),
                new Daemons.DomainPort("conference.parley.example", parleyS2s),
                new Daemons.DomainPort("certified.example", certifiedS2s),
                new Daemons.DomainPort("conference.certified.example", certifiedS2s)));
        TestCertificates ca = new TestCertificates(dir);
        String tls = ca.issue("prosody.example");
        String certifiedTls = ca.issue("certified.example");
        Files.writeString(dir.resolve("prosody.cfg.lua"), """
                run_as_root = true
                pidfile = "%1$s/prosody.pid"
                data_path = "%1$s"
                log = { debug = "%1$s/prosody.log" }
                interfaces = { "127.0.0.1" }
                c2s_ports = { %2$d }
                s2s_ports = { %3$d }
                c2s_require_encryption = false
                allow_unencrypted_plain_auth = true
                authentication = "internal_hashed"
                ssl = { certificate = "%1$s/prosody.example.crt.pem", key = "%1$s/prosody.example.key.pem";
                        cafile = "%5$s" }
                s2s_secure_domains = { "certified.example", "conference.certified.example" }
                unbound = { resolvconf = false; hoststxt = false; forward = "127.0.0.1@%4$d";
                            options = { ["do-not-query-localhost:"] = "no" } }
                modules_enabled = { "roster"; "saslauth"; "tls"; "dialback"; "s2s_bidi"; "disco"; "vcard_legacy"; "ping" }
                VirtualHost "prosody.example"
                Component "conference.prosody.example" "muc"
                """.formatted(dir, prosodyC2s, prosodyS2s, dnsPort, ca.caFile()));
        assertThat(tls).contains("prosody.example.crt.pem");
        Daemons.run(dir.resolve("commands.log"), PROSODY.getParent().resolve("prosodyctl").toString(), "--config", dir.resolve("prosody.cfg.lua").toString(),
                "register", "peter", "prosody.example", "peter-pw");
        prosody = new ProcessBuilder(PROSODY.toString(), "-F", "--config", dir.resolve("prosody.cfg.lua").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("console.log").toFile()).start();
        Daemons.awaitPort(prosodyC2s);
        parley = TestServer.start("domain: parley.example\n"
                + "s2s:\n  enabled: true\n  bind-address: 127.0.0.1\n  port: " + parleyS2s + "\n"
                + TwoServers.staticRoutes("prosody.example", prosodyS2s));
        certified = TestServer.start("domain: certified.example\n" + certifiedTls
                + "s2s:\n  enabled: true\n  bind-address: 127.0.0.1\n  port: " + certifiedS2s + "\n"
                + "  dialback: false\n  bidi: false\n  ca-certificates: ['" + ca.caFile() + "']\n"
                + TwoServers.staticRoutes("prosody.example", prosodyS2s));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (parley != null) {
                parley.close();
            }
            if (certified != null) {
                certified.close();
            }
        } finally {
            Daemons.stop(prosody);
            Daemons.stop(dnsmasq);
        }
    }

    @Test
    void withDialbackUsersSubscribeSeePresenceChatAndJoinEachOthersRoomsBothWays() throws Exception {
        meetPeter(parley, "alice");
    }

    @Test
    void withCertificatesUsersSubscribeSeePresenceChatAndJoinEachOthersRoomsBothWays() throws Exception {
        meetPeter(certified, "carol");
    }

    /** A Parley user and Prosody's peter meet (subscriptions, presence, chat, each other's rooms), Parley's side first. */
    private static void meetPeter(TestServer server, String user) throws Exception {
        try (RecordingClient parleyUser = TwoServers.user(server, user, "phone");
                RecordingClient peter = Daemons.login("prosody.example", prosodyC2s, "peter", "peter-pw", user)) {
            TwoServers.meetAcrossServers(parleyUser, "lounge@conference." + server.domain(),
                    peter, "den-" + user + "@conference.prosody.example");
        }
    }
}
