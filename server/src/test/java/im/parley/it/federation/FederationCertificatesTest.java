package im.parley.it.federation;

import im.parley.testkit.FreePorts;
import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.RecordingClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers authenticated by their certificates (SASL EXTERNAL, XEP-0178) where dialback is switched
 * off: certificates from a CA the servers are told to trust, self-signed ones of listed domains;
 * refused: a certificate that names another domain, self-signed ones of unlisted domains, and
 * certificates from a CA not trusted.
 */
class FederationCertificatesTest {
    private static final String CERTIFICATES_ONLY = "s2s:\n  dialback: false\n";

    @TempDir
    Path dir;

    @Test
    void serversWithCertificatesFromATrustedCaChatWithoutDialback() throws Exception {
        TestCertificates ca = new TestCertificates(dir);
        String trustCa = CERTIFICATES_ONLY + "  ca-certificates: ['" + ca.caFile() + "']\n";
        try (TwoServers servers = start(ca.issue("a.test") + trustCa, ca.issue("b.test") + trustCa)) {
            chatBothWays(servers);
        }
    }

    @Test
    void listedDomainsWithSelfSignedCertificatesChatWithoutDialback() throws Exception {
        try (TwoServers servers = start(CERTIFICATES_ONLY + "  self-signed-domains: [b.test, conference.b.test]\n",
                CERTIFICATES_ONLY + "  self-signed-domains: [a.test, conference.a.test]\n")) {
            chatBothWays(servers);
        }
    }

    /**
     * Bidirectional streams (XEP-0288): b.test's route to a.test leads nowhere, so its user's
     * reply can only go back on the stream a.test opened (authenticated by its certificate).
     */
    @Test
    void withBidirectionalStreamsTheReplyGoesBackOnTheInitiatorsStream() throws Exception {
        TestCertificates ca = new TestCertificates(dir);
        String bidi = CERTIFICATES_ONLY + "  ca-certificates: ['" + ca.caFile() + "']\n";
        int nowhere = FreePorts.next();
        try (TwoServers servers = TwoServers.start(
                (peer, peerPort) -> TwoServers.staticRoutes(peer, peer.equals("a.test") ? nowhere : peerPort),
                FreePorts.next(), FreePorts.next(), ca.issue("a.test") + bidi, ca.issue("b.test") + bidi)) {
            chatBothWays(servers);
        }
    }

    @Test
    void aCertificateForAnotherDomainIsRefused() throws Exception {
        TestCertificates ca = new TestCertificates(dir);
        String trustCa = CERTIFICATES_ONLY + "  ca-certificates: ['" + ca.caFile() + "']\n";
        try (TwoServers servers = start(ca.issue("a.test") + trustCa, ca.issue("wrong.test") + trustCa)) {
            refusedBothWays(servers);
        }
    }

    /** The servers' own self-signed certificates name their domains, but nothing vouches for them unless listed. */
    @Test
    void selfSignedCertificatesOfUnlistedDomainsAreRefused() throws Exception {
        try (TwoServers servers = start(CERTIFICATES_ONLY, CERTIFICATES_ONLY)) {
            refusedBothWays(servers);
        }
    }

    @Test
    void certificatesFromACaNotTrustedAreRefused() throws Exception {
        TestCertificates trusted = new TestCertificates(dir);
        TestCertificates unknown = new TestCertificates(Files.createDirectory(dir.resolve("unknown")));
        String trustCa = CERTIFICATES_ONLY + "  ca-certificates: ['" + trusted.caFile() + "']\n";
        try (TwoServers servers = start(unknown.issue("a.test") + trustCa, unknown.issue("b.test") + trustCa)) {
            refusedBothWays(servers);
        }
    }

    /** b.test's certificate does not prove its domain: neither server authenticates the other. */
    private static void refusedBothWays(TwoServers servers) throws Exception {
        try (RecordingClient alice = TwoServers.user(servers.a, "alice", "phone");
                RecordingClient bob = TwoServers.user(servers.b, "bob", "laptop")) {
            alice.send(alice.chat("bob@b.test", "are you b.test?"));
            assertThat(alice.awaitMessage().getError().getCondition()).isEqualTo(StanzaError.Condition.remote_server_not_found);
            bob.send(bob.chat("alice@a.test", "I am b.test"));
            assertThat(bob.awaitMessage().getError().getCondition()).isEqualTo(StanzaError.Condition.remote_server_not_found);
            assertThat(alice.received(Message.class)).noneMatch(m -> m.getType() != Message.Type.error);
        }
    }

    /** XMPP addresses in certificates (RFC 6120 §13.7.1.4): the domain's JID names the server. */
    @Test
    void serversWithXmppAddressesInTheirCertificatesChatWithoutDialback() throws Exception {
        TestCertificates ca = new TestCertificates(dir);
        String trustCa = CERTIFICATES_ONLY + "  ca-certificates: ['" + ca.caFile() + "']\n";
        try (TwoServers servers = start(ca.issueWithXmppAddresses("a.test", "a.test") + trustCa,
                ca.issueWithXmppAddresses("b.test", "b.test") + trustCa)) {
            chatBothWays(servers);
        }
    }

    /** Another domain's JID, or a JID at the domain that names a user, does not prove the domain. */
    @Test
    void aCertificateWithAnotherXmppAddressIsRefused() throws Exception {
        TestCertificates ca = new TestCertificates(dir);
        String trustCa = CERTIFICATES_ONLY + "  ca-certificates: ['" + ca.caFile() + "']\n";
        try (TwoServers servers = start(ca.issueWithXmppAddresses("a.test", "a.test") + trustCa,
                ca.issueWithXmppAddresses("b.test", "wrong.test", "bob@b.test", "b.test/server") + trustCa)) {
            refusedBothWays(servers);
        }
    }

    private static TwoServers start(String extraA, String extraB) throws Exception {
        return TwoServers.start(TwoServers::staticRoutes, FreePorts.next(), FreePorts.next(), extraA, extraB);
    }

    private static void chatBothWays(TwoServers servers) throws Exception {
        try (RecordingClient alice = TwoServers.user(servers.a, "alice", "phone");
                RecordingClient bob = TwoServers.user(servers.b, "bob", "laptop")) {
            TwoServers.chatBothWays(alice, bob);
        }
    }
}
