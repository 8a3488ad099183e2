package im.parley.s2s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import im.parley.it.federation.Daemons;
import im.parley.testkit.FreePorts;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Finding a peer's server through DNS (RFC 6120 §3.2), asking dnsmasq on loopback. */
class PeerResolverTest {
    private static Process dnsmasq;
    private static PeerResolver resolver;

    @BeforeAll
    static void start() throws Exception {
        int dnsPort = FreePorts.next();
        // dnsmasq holds names as DNS does: an internationalized domain by its A-labels.
        dnsmasq = Daemons.dnsmasq(Files.createTempFile("dnsmasq", ".log"), dnsPort,
                List.of(new Daemons.DomainPort("xn--bcher-kva.example", 5270, 5271)));
        resolver = new PeerResolver(Map.of(), List.of(new InetSocketAddress("127.0.0.1", dnsPort)), 5269);
        awaitAnswers();
    }

    /** dnsmasq answers once it has bound its port. */
    private static void awaitAnswers() throws InterruptedException {
        for (int i = 0; i < 100 && resolver.resolve("xn--bcher-kva.example").isEmpty(); i++) {
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        Daemons.stop(dnsmasq);
    }

    @Test
    void anInternationalizedDomainIsLookedUpByItsALabels() {
        List<PeerResolver.PeerAddress> found = resolver.resolve("bücher.example");

        assertThat(found).extracting(address -> address.socket().getPort(), PeerResolver.PeerAddress::directTls)
                .containsExactly(tuple(5271, true), tuple(5270, false));
        assertThat(found).allSatisfy(address -> assertThat(address.socket().getAddress().isLoopbackAddress()).isTrue());
    }

    /**
     * RFC 6120 §3.2.2: a domain with neither SRV record is tried at its own address records on
     * 5269. dnsmasq has an A record (127.0.0.1, no AAAA) for the target of the SRV records above.
     */
    @Test
    void aDomainWithoutSrvRecordsIsTriedAtItsAddressOnTheDefaultPort() {
        List<PeerResolver.PeerAddress> found = resolver.resolve("xmpp-xn--bcher-kva.example");

        assertThat(found).extracting(address -> address.socket().getAddress().getHostAddress(),
                address -> address.socket().getPort(), PeerResolver.PeerAddress::directTls)
                .containsExactly(tuple("127.0.0.1", 5269, false));
    }

    @Test
    void aDomainThatIsNoDnsNameFindsNothing() {
        assertThat(resolver.resolve("a..b")).isEmpty();
    }
}
