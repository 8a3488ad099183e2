package im.parley.it.login;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import im.parley.testkit.Sha256ScramClient;
import im.parley.testkit.XmlClient;
import im.parley.testkit.XmlClient.Node;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SASL2 (XEP-0388) over real sockets with a hand-written XML client and an independent
 * SCRAM-SHA-256 client: the feature, the exchange with XEP-0474's hash checked as a client would,
 * success with the authorization identity and the server's proof, the failures, and inline
 * stream resumption (XEP-0198 inside {@code <authenticate/>}).
 */
class Sasl2Test {
    static final String SASL2 = "urn:xmpp:sasl:2";
    static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    static final String SM = "urn:xmpp:sm:3";
    static final String STREAMS = "http://etherx.jabber.org/streams";
    static final String USER_AGENT = "<user-agent id='d4565fa7-4d72-4749-b3d3-740edbf87770'>"
            + "<software>Parley tests</software><device>JUnit</device></user-agent>";

    @RegisterExtension
    static final ParleyExtension parley = new ParleyExtension().users("alice", "bob");
    @Login("bob/desk")
    static RecordingClient bob;

    @Test
    void theFeatureOffersTheSameMechanismsAsRfc6120AndTheInlineFeatures() throws Exception {
        try (XmlClient client = XmlClient.connect(parley.server())) {
            Node features = client.open("localhost");
            Node authentication = features.child("authentication", SASL2);
            assertThat(authentication).isNotNull();
            assertThat(mechanisms(authentication)).isEqualTo(mechanisms(features.child("mechanisms", SASL)));
            assertThat(authentication.child("inline", SASL2).child("sm", SM)).isNotNull();
        }
    }

    @Test
    void scramSha256LogsInWithoutARestartAndTheLegacyBindFollows() throws Exception {
        try (XmlClient client = XmlClient.connect(parley.server())) {
            Node features = client.open("localhost");
            Sha256ScramClient scram = new Sha256ScramClient("alice", ParleyExtension.password("alice"), "n0nce-alice-1");
            Node success = authenticate(client, features, scram, "");

            assertThat(success.child("authorization-identifier", SASL2).text()).isEqualTo("alice@localhost");
            Node after = client.next();
            assertThat(after.is("features", STREAMS)).isTrue();
            assertThat(after.child("bind", "urn:ietf:params:xml:ns:xmpp-bind")).isNotNull();
            assertThat(after.child("authentication", SASL2)).isNull();

            client.send("<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                    + "<resource>raw</resource></bind></iq>");
            Node bound = client.next();
            assertThat(bound.child("bind", "urn:ietf:params:xml:ns:xmpp-bind").child("jid",
                    "urn:ietf:params:xml:ns:xmpp-bind").text()).isEqualTo("alice@localhost/raw");
            client.send("<presence/>");
            parley.server().awaitAvailable("alice@localhost/raw");
            bob.send(bob.chat("alice@localhost/raw", "hello raw"));
            Node message = client.nextIgnoringAckRequests();
            while (!message.name().equals("message")) {
                message = client.nextIgnoringAckRequests();
            }
            assertThat(message.child("body", "jabber:client").text()).isEqualTo("hello raw");
        }
    }

    @Test
    void afterStartTlsToo() throws Exception {
        XmlClient.Node[] plain = new XmlClient.Node[1];
        try (XmlClient client = XmlClient.connectStartTls(parley.server(), plain)) {
            assertThat(plain[0].child("starttls", "urn:ietf:params:xml:ns:xmpp-tls")).isNotNull();
            assertThat(plain[0].child("authentication", SASL2)).as("nothing to authenticate with before the TLS this server requires").isNull();

            Node features = client.open("localhost");
            Node success = authenticate(client, features,
                    new Sha256ScramClient("alice", ParleyExtension.password("alice"), "n0nce-starttls"), "");
            assertThat(success.child("authorization-identifier", SASL2).text()).isEqualTo("alice@localhost");
        }
    }

    @Test
    void aWrongPasswordIsNotAuthorizedInTheSasl2Namespace() throws Exception {
        try (XmlClient client = XmlClient.connect(parley.server())) {
            client.open("localhost");
            Node failure = withWrongPassword(client, "");
            assertThat(failure.is("failure", SASL2)).isTrue();
            assertThat(failure.child("not-authorized", SASL)).isNotNull();
        }
    }

    @Test
    void aMechanismNotOfferedIsRefused() throws Exception {
        try (XmlClient client = XmlClient.connect(parley.server())) {
            client.open("localhost");
            client.send("<authenticate xmlns='" + SASL2 + "' mechanism='DIGEST-MD5'/>");

            Node failure = client.next();
            assertThat(failure.is("failure", SASL2)).isTrue();
            assertThat(failure.child("invalid-mechanism", SASL)).isNotNull();
        }
    }

    @Test
    void aSessionIsResumedInlineAndGetsWhatWasSentMeanwhile() throws Exception {
        String previd;
        try (XmlClient first = XmlClient.connect(parley.server())) {
            Node features = first.open("localhost");
            authenticate(first, features, new Sha256ScramClient("alice", ParleyExtension.password("alice"), "n1"), "");
            first.next();
            first.send("<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                    + "<resource>phone</resource></bind></iq>");
            first.next();
            first.send("<enable xmlns='" + SM + "' resume='true'/>");
            Node enabled = first.next();
            assertThat(enabled.is("enabled", SM)).isTrue();
            previd = enabled.attribute("id");
            first.send("<presence/>");
            parley.server().awaitAvailable("alice@localhost/phone");
            first.drop();
        }
        bob.send(bob.chat("alice@localhost/phone", "while you were away"));

        try (XmlClient second = XmlClient.connect(parley.server())) {
            Node features = second.open("localhost");
            Node success = authenticate(second, features,
                    new Sha256ScramClient("alice", ParleyExtension.password("alice"), "n2"),
                    "<resume xmlns='" + SM + "' previd='" + previd + "' h='0'/>");

            assertThat(success.child("resumed", SM).attribute("previd")).isEqualTo(previd);
            assertThat(success.child("authorization-identifier", SASL2).text()).isEqualTo("alice@localhost/phone");
            assertThat(second.next().is("features", STREAMS)).isTrue();
            Node message = second.nextIgnoringAckRequests();
            while (!message.name().equals("message")) {
                message = second.nextIgnoringAckRequests();
            }
            assertThat(message.child("body", "jabber:client").text()).isEqualTo("while you were away");
        }
    }

    /**
     * A SCRAM-SHA-256 exchange in SASL2 with {@code inline} added to {@code <authenticate/>}:
     * checks XEP-0474's hash against the features the client saw and the server's proof, and
     * returns {@code <success/>}.
     */
    static Node authenticate(XmlClient client, Node features, Sha256ScramClient scram, String inline)
            throws Exception {
        client.send("<authenticate xmlns='" + SASL2 + "' mechanism='SCRAM-SHA-256'><initial-response>"
                + base64(scram.clientFirst()) + "</initial-response>" + USER_AGENT + inline + "</authenticate>");
        Node challenge = client.next();
        assertThat(challenge.is("challenge", SASL2)).as("%s", challenge).isTrue();
        String clientFinal = scram.clientFinal(text(challenge.text()));
        Node cb = features.child("sasl-channel-binding", "urn:xmpp:sasl-cb:0");
        List<String> types = cb == null ? List.of()
                : cb.children("channel-binding").stream().map(c -> c.attribute("type")).toList();
        assertThat(scram.serverFirst().get("h")).isEqualTo(Sha256ScramClient.downgradeProtectionHash(
                mechanisms(features.child("authentication", SASL2)), types));
        client.send("<response xmlns='" + SASL2 + "'>" + base64(clientFinal) + "</response>");
        Node success = client.next();
        assertThat(success.is("success", SASL2)).as("%s", success).isTrue();
        assertThat(scram.serverFinalIsValid(text(success.child("additional-data", SASL2).text()))).isTrue();
        return success;
    }

    /** A SCRAM-SHA-256 exchange for alice with a wrong password, {@code inline} in its request; what ends it. */
    static Node withWrongPassword(XmlClient client, String inline) throws Exception {
        Sha256ScramClient scram = new Sha256ScramClient("alice", "not the password", "n0nce-wrong");
        client.send("<authenticate xmlns='" + SASL2 + "' mechanism='SCRAM-SHA-256'><initial-response>"
                + base64(scram.clientFirst()) + "</initial-response>" + USER_AGENT + inline + "</authenticate>");
        Node challenge = client.next();
        client.send("<response xmlns='" + SASL2 + "'>" + base64(scram.clientFinal(text(challenge.text())))
                + "</response>");
        return client.next();
    }

    static List<String> mechanisms(Node feature) {
        return feature.children("mechanism").stream().map(Node::text).toList();
    }

    static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String text(String base64) {
        return new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
    }
}
