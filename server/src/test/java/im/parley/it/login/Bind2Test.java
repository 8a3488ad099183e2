package im.parley.it.login;

import static im.parley.it.login.Sasl2Test.SASL2;
import static im.parley.it.login.Sasl2Test.SM;
import static im.parley.it.login.Sasl2Test.STREAMS;
import static im.parley.it.login.Sasl2Test.authenticate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import im.parley.testkit.Sha256ScramClient;
import im.parley.testkit.XmlClient;
import im.parley.testkit.XmlClient.Node;
import im.parley.xmpp.Jid;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bind 2 (XEP-0386) over real sockets: one {@code <authenticate/>} from credentials to a bound
 * session with carbons and stream management on, and a resumption that takes precedence over the
 * bind request that comes with it.
 */
class Bind2Test {
    static final String BIND2 = "urn:xmpp:bind:0";
    static final String CARBONS = "urn:xmpp:carbons:2";
    static final String BIND_WITH_CARBONS_AND_SM = "<bind xmlns='" + BIND2 + "'><tag>ParleyTest</tag>"
            + "<enable xmlns='" + CARBONS + "'/><enable xmlns='" + SM + "' resume='true'/></bind>";

    @RegisterExtension
    static final ParleyExtension parley = new ParleyExtension().users("alice", "bob");
    @Login("alice/desk")
    static RecordingClient aliceDesk;
    @Login("bob/desk")
    static RecordingClient bob;

    @Test
    void bindIsAdvertisedWithTheFeaturesItCanSwitchOn() throws Exception {
        try (XmlClient client = XmlClient.connect(parley.server())) {
            Node bind = client.open("localhost").child("authentication", SASL2).child("inline", SASL2)
                    .child("bind", BIND2);
            assertThat(bind.child("inline", BIND2).children("feature")).extracting(f -> f.attribute("var"))
                    .contains(CARBONS, SM);
        }
    }

    @Test
    void oneRoundTripBindsASessionWithCarbonsAndStreamManagement() throws Exception {
        try (XmlClient client = XmlClient.connect(parley.server())) {
            Node features = client.open("localhost");
            Node success = authenticate(client, features,
                    new Sha256ScramClient("alice", ParleyExtension.password("alice"), "bind2-1"), BIND_WITH_CARBONS_AND_SM);

            String jid = success.child("authorization-identifier", SASL2).text();
            assertThat(jid).startsWith("alice@localhost/ParleyTest/").hasSizeGreaterThan("alice@localhost/ParleyTest/".length());
            Node enabled = success.child("bound", BIND2).child("enabled", SM);
            assertThat(enabled.attribute("resume")).isEqualTo("true");
            assertThat(enabled.attribute("id")).isNotBlank();
            Node after = client.next();
            assertThat(after.is("features", STREAMS)).isTrue();
            assertThat(after.child("bind", "urn:ietf:params:xml:ns:xmpp-bind")).isNull();

            client.send("<presence/>");
            parley.server().awaitAvailable(jid);
            // Carbons are on: what another resource sends is copied here.
            aliceDesk.send(aliceDesk.chat("bob@localhost/desk", "sent from the desk"));
            Node carbon = client.nextIgnoringAckRequests();
            while (carbon.child("sent", CARBONS) == null) {
                carbon = client.nextIgnoringAckRequests();
            }
            // Stream management is on, counting from <enabled/>: the presence is the one stanza handled.
            client.send("<r xmlns='" + SM + "'/>");
            Node ack = client.nextIgnoringAckRequests();
            while (!ack.is("a", SM)) {
                ack = client.nextIgnoringAckRequests();
            }
            assertThat(ack.attribute("h")).isEqualTo("1");
        }
    }

    @Test
    void aNewBindOfTheSameUserAgentEndsTheSessionItLeftBehind() throws Exception {
        try (XmlClient first = XmlClient.connect(parley.server()); XmlClient second = XmlClient.connect(parley.server())) {
            String firstJid = authenticate(first, first.open("localhost"),
                    new Sha256ScramClient("alice", ParleyExtension.password("alice"), "bind2-4"), BIND_WITH_CARBONS_AND_SM)
                    .child("authorization-identifier", SASL2).text();
            first.next();
            String secondJid = authenticate(second, second.open("localhost"),
                    new Sha256ScramClient("alice", ParleyExtension.password("alice"), "bind2-5"), BIND_WITH_CARBONS_AND_SM)
                    .child("authorization-identifier", SASL2).text();

            Node error = first.nextIgnoringAckRequests();
            assertThat(error.is("error", STREAMS)).as("%s", error).isTrue();
            assertThat(error.child("conflict", "urn:ietf:params:xml:ns:xmpp-streams")).isNotNull();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> parley.server().server().sessions().get(Jid.parse(firstJid)) == null);
            assertThat(parley.server().server().sessions().get(Jid.parse(secondJid))).isNotNull();
        }
    }

    @Test
    void aResumptionInTheSameRequestWinsOverTheBind() throws Exception {
        String previd;
        String jid;
        try (XmlClient first = XmlClient.connect(parley.server())) {
            Node success = authenticate(first, first.open("localhost"),
                    new Sha256ScramClient("alice", ParleyExtension.password("alice"), "bind2-2"), BIND_WITH_CARBONS_AND_SM);
            previd = success.child("bound", BIND2).child("enabled", SM).attribute("id");
            jid = success.child("authorization-identifier", SASL2).text();
            first.next();
            first.send("<presence/>");
            parley.server().awaitAvailable(jid);
            first.drop();
        }
        bob.send(bob.chat(jid, "while you were away"));

        try (XmlClient second = XmlClient.connect(parley.server())) {
            Node success = authenticate(second, second.open("localhost"),
                    new Sha256ScramClient("alice", ParleyExtension.password("alice"), "bind2-3"),
                    "<resume xmlns='" + SM + "' previd='" + previd + "' h='0'/>" + BIND_WITH_CARBONS_AND_SM);

            assertThat(success.child("resumed", SM)).isNotNull();
            assertThat(success.child("bound", BIND2)).isNull();
            assertThat(success.child("authorization-identifier", SASL2).text()).isEqualTo(jid);
            second.next();
            Node message = second.nextIgnoringAckRequests();
            while (!message.name().equals("message") || message.child("body", "jabber:client") == null) {
                message = second.nextIgnoringAckRequests();
            }
            assertThat(message.child("body", "jabber:client").text()).isEqualTo("while you were away");
        }
    }
}
