package im.parley.it.federation;

import im.parley.testkit.FreePorts;
import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.RecordingClient;
import java.nio.file.Files;
import java.util.List;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Parley servers that find each other through DNS (RFC 6120 §3.2.1): Debian's dnsmasq on a
 * loopback port answers SRV records naming a host and a port, and each server asks it
 * (s2s.dns-servers) instead of following a static route. b.test has an {@code _xmpp-server._tcp}
 * record (STARTTLS); a.test has an {@code _xmpps-server._tcp} one for its direct TLS port
 * (XEP-0368) and an {@code _xmpp-server._tcp} one naming a port nobody listens on, so that b.test
 * reaches it (its streams and dialback's verification streams) over direct TLS or not at all.
 */
class FederationDnsTest {
    private static Process dnsmasq;
    private static TwoServers servers;

    @BeforeAll
    static void start() throws Exception {
        int dnsPort = FreePorts.next();
        int portA = FreePorts.next();
        int portB = FreePorts.next();
        int directA = FreePorts.next();
        int nobody = FreePorts.next();
        dnsmasq = Daemons.dnsmasq(Files.createTempFile("dnsmasq", ".log"), dnsPort,
                List.of(new Daemons.DomainPort("a.test", nobody, directA), new Daemons.DomainPort("b.test", portB)));
        String idle = "s2s:\n  idle-timeout-seconds: 1\n";
        servers = TwoServers.start((peer, peerPort) -> "  dns-servers: [127.0.0.1:" + dnsPort + "]\n", portA, portB,
                idle + "  direct-tls-port: " + directA + "\n", idle);
        assertThat(servers.a.server().s2sDirectTlsPort()).isEqualTo(directA);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (servers != null) {
                servers.close();
            }
        } finally {
            Daemons.stop(dnsmasq);
        }
    }

    @Test
    void usersChatThroughPeersFoundBySrvRecordsDirectTlsOneWayAndAStreamThatIdledOutIsOpenedAgain() throws Exception {
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
