package im.parley.it.federation;

import im.parley.testkit.FreePorts;
import static im.parley.it.federation.TwoServers.presence;
import static im.parley.it.federation.TwoServers.presenceFrom;
import static org.assertj.core.api.Assertions.assertThat;

import im.parley.it.clients.ClientScenarios;
import im.parley.testkit.RecordingClient;
import im.parley.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parley ({@code parley.example}) and Debian's Prosody ({@code prosody.example}) federating on
 * loopback, both directions, with Server Dialback and bidirectional streams (XEP-0288, Prosody's
 * mod_s2s_bidi): Parley reaches Prosody by a static route;
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
    private static int prosodyC2s;

    @BeforeAll
    static void start() throws Exception {
        ClientScenarios.requireInstalled(Files.isExecutable(PROSODY), "prosody", "apt-get install prosody lua-unbound");
        dir = Files.createTempDirectory("parley-prosody");
        int parleyS2s = FreePorts.next();
        int prosodyS2s = FreePorts.next();
        prosodyC2s = FreePorts.next();
        int dnsPort = FreePorts.next();
        dnsmasq = Daemons.dnsmasq(dir.resolve("dnsmasq.log"), dnsPort, List.of(
                new Daemons.DomainPort("parley.example", parleyS2s),
                new Daemons.DomainPort("conference.parley.example", parleyS2s)));
        String tls = new TestCertificates(dir).issue("prosody.example");
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
                ssl = { certificate = "%1$s/prosody.example.crt.pem", key = "%1$s/prosody.example.key.pem" }
                unbound = { resolvconf = false; hoststxt = false; forward = "127.0.0.1@%4$d";
                            options = { ["do-not-query-localhost:"] = "no" } }
                modules_enabled = { "roster"; "saslauth"; "tls"; "dialback"; "s2s_bidi"; "disco"; "vcard_legacy"; "ping" }
                VirtualHost "prosody.example"
                Component "conference.prosody.example" "muc"
                """.formatted(dir, prosodyC2s, prosodyS2s, dnsPort));
        assertThat(tls).contains("prosody.example.crt.pem");
        Daemons.run(dir.resolve("commands.log"), PROSODY.getParent().resolve("prosodyctl").toString(), "--config", dir.resolve("prosody.cfg.lua").toString(),
                "register", "peter", "prosody.example", "peter-pw");
        prosody = new ProcessBuilder(PROSODY.toString(), "-F", "--config", dir.resolve("prosody.cfg.lua").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("console.log").toFile()).start();
        Daemons.awaitPort(prosodyC2s);
        parley = TestServer.start("domain: parley.example\n"
                + "s2s:\n  enabled: true\n  bind-address: 127.0.0.1\n  port: " + parleyS2s + "\n"
                + TwoServers.staticRoutes("prosody.example", prosodyS2s));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (parley != null) {
                parley.close();
            }
        } finally {
            Daemons.stop(prosody);
            Daemons.stop(dnsmasq);
        }
    }

    @Test
    void usersSubscribeSeePresenceChatAndJoinEachOthersRoomsBothWays() throws Exception {
        try (RecordingClient alice = TwoServers.user(parley, "alice", "phone");
                RecordingClient peter = new RecordingClient(XMPPTCPConnectionConfiguration.builder()
                        .setXmppDomain("prosody.example").setHost("127.0.0.1").setPort(prosodyC2s)
                        .setUsernameAndPassword("peter", "peter-pw").setResource("desk")
                        .setSecurityMode(SecurityMode.disabled).build()).login()) {
            alice.send(presence(alice, Presence.Type.subscribe, "peter@prosody.example"));
            peter.await(presenceFrom(Presence.Type.subscribe, "alice@parley.example"));
            peter.send(presence(peter, Presence.Type.subscribed, "alice@parley.example"));
            alice.await(presenceFrom(Presence.Type.available, "peter@prosody.example"));
            peter.send(presence(peter, Presence.Type.subscribe, "alice@parley.example"));
            alice.await(presenceFrom(Presence.Type.subscribe, "peter@prosody.example"));
            alice.send(presence(alice, Presence.Type.subscribed, "peter@prosody.example"));
            peter.await(presenceFrom(Presence.Type.available, "alice@parley.example"));

            alice.send(alice.chat("peter@prosody.example", "hello prosody"));
            assertThat(peter.awaitMessage(m -> "hello prosody".equals(m.getBody())).getFrom().toString())
                    .isEqualTo("alice@parley.example/phone");
            peter.send(peter.chat("alice@parley.example", "hello parley"));
            assertThat(alice.awaitMessage(m -> "hello parley".equals(m.getBody())).getFrom().toString())
                    .isEqualTo("peter@prosody.example/desk");

            TwoServers.roomsBothWays(alice, "lounge@conference.parley.example", peter, "den@conference.prosody.example");
        }
    }
}
