package im.parley.it.extdisco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.account.AccountService;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RawIq;
import im.parley.xmpp.Jid;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.UnparsedIQ;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * External service discovery (XEP-0215) with Smack, which has no API for it: the STUN and TURN
 * servers of each host, with TURN credentials a coturn with {@code use-auth-secret} accepts.
 */
class ExternalServicesTest {
    private static final String NS = "urn:xmpp:extdisco:2";
    private static final String SECRET = "s3cret";
    @RegisterExtension
    static final ParleyExtension parley = new ParleyExtension().config("""
            domain: ~
            hosts:
              - localhost
              - other.example: {external-services: {services: ["stun:stun.other.example:3479"]}}
            external-services:
              services: ["stun:stun.example.org", "turn:turn.example.org?transport=tcp", "turns:[2001:db8::1]"]
              turn-secret: s3cret
              credentials-lifetime-seconds: 3600
            """);
    private static XMPPTCPConnection alice;
    private static XMPPTCPConnection bob;

    @BeforeAll
    static void logIn() throws Exception {
        AccountService accounts = parley.server().server().accounts();
        accounts.create(Jid.of("alice", "localhost", null), "alice-pw");
        accounts.create(Jid.of("bob", "other.example", null), "bob-pw");
        alice = parley.client("alice").password("alice-pw").login().connection();
        bob = parley.client("bob").domain("other.example").password("bob-pw").login().connection();
    }

    @AfterAll
    static void logOut() {
        alice.disconnect();
        bob.disconnect();
    }

    @Test
    void theServerAdvertisesExternalServiceDiscovery() throws Exception {
        assertThat(ServiceDiscoveryManager.getInstanceFor(alice).serverSupportsFeature(NS)).isTrue();
    }

    @Test
    void aUserGetsEveryServiceWithTimeLimitedTurnCredentials() throws Exception {
        Instant before = Instant.now();
        List<Map<String, String>> services = ask(alice, "localhost", "services", "", null);

        assertThat(services).hasSize(3);
        assertThat(services.get(0)).containsExactlyInAnyOrderEntriesOf(
                Map.of("type", "stun", "host", "stun.example.org", "port", "3478", "transport", "udp"));
        Map<String, String> turn = services.get(1);
        assertThat(turn).containsEntry("type", "turn").containsEntry("host", "turn.example.org")
                .containsEntry("port", "3478").containsEntry("transport", "tcp").containsEntry("restricted", "1");
        // TURN REST: "<expiry in Unix seconds>:<user>", password Base64(HMAC-SHA1(secret, user name)).
        String[] username = turn.get("username").split(":", 2);
        assertThat(username[1]).isEqualTo("alice@localhost");
        long expiry = Long.parseLong(username[0]);
        assertThat(expiry).isBetween(before.getEpochSecond() + 3600, Instant.now().getEpochSecond() + 3600);
        assertThat(Instant.parse(turn.get("expires")).getEpochSecond()).isEqualTo(expiry);
        assertThat(turn.get("password")).isEqualTo(hmacSha1(SECRET, turn.get("username")));
        assertThat(services.get(2)).containsEntry("type", "turns").containsEntry("host", "2001:db8::1")
                .containsEntry("port", "5349").containsEntry("transport", "tcp").containsKey("password");
    }

    @Test
    void aUserCanAskForOneTypeOfService() throws Exception {
        assertThat(ask(alice, "localhost", "services", "", "stun")).extracting(s -> s.get("host"))
                .containsExactly("stun.example.org");
        assertThat(ask(alice, "localhost", "services", "", "ftp")).isEmpty();
    }

    @Test
    void aUserCanAskForCredentialsOfOneService() throws Exception {
        List<Map<String, String>> credentials = ask(alice, "localhost", "credentials",
                "<service type='turn' host='turn.example.org'/>", null);
        assertThat(credentials).singleElement().satisfies(service -> {
            assertThat(service).containsEntry("host", "turn.example.org");
            assertThat(service.get("password")).isEqualTo(hmacSha1(SECRET, service.get("username")));
        });
        assertThat(ask(alice, "localhost", "credentials", "<service type='turn' host='turn.example.org' port='3478'/>", null))
                .hasSize(1);
        assertError(() -> ask(alice, "localhost", "credentials", "<service type='turn' host='turn.example.org' port='1'/>", null),
                StanzaError.Condition.item_not_found);
        assertError(() -> ask(alice, "localhost", "credentials", "<service type='turn' host='relay.elsewhere'/>", null),
                StanzaError.Condition.item_not_found);
        assertError(() -> ask(alice, "localhost", "credentials", "<service host='turn.example.org'/>", null),
                StanzaError.Condition.bad_request);
    }

    @Test
    void eachHostHasItsOwnServicesForItsOwnUsers() throws Exception {
        assertThat(ask(bob, "other.example", "services", "", null)).singleElement().satisfies(service -> assertThat(service)
                .containsEntry("host", "stun.other.example").containsEntry("port", "3479").doesNotContainKey("password"));
        assertError(() -> ask(bob, "localhost", "services", "", null), StanzaError.Condition.forbidden);
    }

    /** Sends the request and returns the attributes of each {@code <service/>} of the answer, in order. */
    private static List<Map<String, String>> ask(XMPPTCPConnection client, String host, String request, String inner,
            String type) throws Exception {
        RawIq iq = new RawIq(IQ.Type.get, JidCreate.domainBareFrom(host), request, NS, inner);
        if (type != null) {
            iq.attribute("type", type);
        }
        UnparsedIQ answer = client.sendIqRequestAndWaitForResponse(iq);
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Element root = factory.newDocumentBuilder()
                .parse(new InputSource(new StringReader(answer.getContent().toString()))).getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(NS);
        assertThat(root.getLocalName()).isEqualTo(request);
        List<Map<String, String>> services = new ArrayList<>();
        NodeList children = root.getElementsByTagNameNS(NS, "service");
        for (int i = 0; i < children.getLength(); i++) {
            NamedNodeMap attributes = children.item(i).getAttributes();
            Map<String, String> service = new TreeMap<>();
            for (int a = 0; a < attributes.getLength(); a++) {
                service.put(attributes.item(a).getNodeName(), attributes.item(a).getNodeValue());
            }
            services.add(service);
        }
        return services;
    }

    private static void assertError(org.assertj.core.api.ThrowableAssert.ThrowingCallable request,
            StanzaError.Condition condition) {
        assertThatThrownBy(request).isInstanceOfSatisfying(XMPPErrorException.class,
                e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(condition));
    }

    private static String hmacSha1(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(), "HmacSHA1"));
        return java.util.Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes()));
    }
}
