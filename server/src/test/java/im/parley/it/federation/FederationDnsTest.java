package im.parley.it.federation;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.it.clients.ClientScenarios;
import im.parley.testkit.RecordingClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Parley servers that find each other through DNS (RFC 6120 §3.2.1): Debian's dnsmasq on a
 * loopback port answers {@code _xmpp-server._tcp} SRV records naming a host and the server's port,
 * and each server asks it (s2s.dns-servers) instead of following a static route.
 */
class FederationDnsTest {
    private static final Path DNSMASQ = Path.of("/usr/sbin/dnsmasq");
    private static Process dnsmasq;
    private static TwoServers servers;

    @BeforeAll
    static void start() throws Exception {
        ClientScenarios.requireInstalled(Files.isExecutable(DNSMASQ), "dnsmasq", "apt-get install dnsmasq");
        int dnsPort = TwoServers.freePort();
        int portA = TwoServers.freePort();
        int portB = TwoServers.freePort();
        dnsmasq = new ProcessBuilder(List.of(DNSMASQ.toString(), "--keep-in-foreground", "--conf-file=/dev/null",
                "--no-resolv", "--no-hosts", "--bind-interfaces", "--listen-address=127.0.0.1", "--port=" + dnsPort,
                "--pid-file=", "--srv-host=_xmpp-server._tcp.a.test,xmpp-a.test," + portA,
                "--srv-host=_xmpp-server._tcp.b.test,xmpp-b.test," + portB,
                "--host-record=xmpp-a.test,127.0.0.1", "--host-record=xmpp-b.test,127.0.0.1"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String idle = "s2s:\n  idle-timeout-seconds: 1\n";
        servers = TwoServers.start((peer, peerPort) -> "  dns-servers: [127.0.0.1:" + dnsPort + "]\n", portA, portB,
                idle, idle);
    }

    @AfterAll
    static void stop() throws Exception {
        if (servers != null) {
            servers.close();
        }
        if (dnsmasq != null) {
            dnsmasq.destroy();
            dnsmasq.waitFor();
        }
    }

    @Test
    void usersChatThroughPeersFoundBySrvRecordsAndAStreamThatIdledOutIsOpenedAgain() throws Exception {
        try (RecordingClient alice = TwoServers.user(servers.a, "alice", "phone");
                RecordingClient bob = TwoServers.user(servers.b, "bob", "laptop")) {
            TwoServers.chatBothWays(alice, bob);
            // Both streams close after a second without traffic; the next message opens a new one.
            Thread.sleep(2_500);
            alice.send(alice.chat("bob@b.test", "still there?"));
            assertThat(bob.awaitReceived(Message.class, 2).get(1).getBody()).isEqualTo("still there?");
        }
    }
}
