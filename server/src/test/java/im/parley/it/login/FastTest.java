package im.parley.it.login;

import static im.parley.it.login.Sasl2Test.SASL;
import static im.parley.it.login.Sasl2Test.SASL2;
import static im.parley.it.login.Sasl2Test.STREAMS;
import static im.parley.it.login.Sasl2Test.USER_AGENT;
import static im.parley.it.login.Sasl2Test.authenticate;
import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.Sha256ScramClient;
import im.parley.testkit.XmlClient;
import im.parley.testkit.XmlClient.Node;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * FAST (XEP-0484) over real sockets: a token requested with a password login, a one-round-trip
 * login with HT-SHA-256-NONE (its HMACs computed here from the XEP and the HT draft), rotation by
 * the XEP's rules, invalidation, and the failures.
 */
class FastTest {
    static final String FAST = "urn:xmpp:fast:0";
    static final String BIND = "<bind xmlns='urn:xmpp:bind:0'><tag>ParleyTest</tag></bind>";

    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice");

    @Test
    void fastIsAdvertisedWithTheMechanismsOfTheConnection() throws Exception {
        try (XmlClient client = XmlClient.connect(parley.server())) {
            Node fast = client.open("localhost").child("authentication", SASL2).child("inline", SASL2).child("fast", FAST);
            assertThat(Sasl2Test.mechanisms(fast)).contains("HT-SHA-256-NONE", "HT-SHA-256-ENDP")
                    .doesNotContain("HT-SHA-256-UNIQ");
            assertThat(fast.attribute("tls-0rtt")).isNull();
        }
    }

    @Test
    void aTokenFromAPasswordLoginLogsInInOneRoundTripBoundAndWithTheServersProof() throws Exception {
        String token = passwordLoginWithToken();

        try (XmlClient client = XmlClient.connect(parley.server())) {
            client.open("localhost");
            client.send(fastAuthenticate(token, USER_AGENT, "<fast xmlns='" + FAST + "' count='1'/>" + BIND));
            Node success = client.next();
            assertThat(success.is("success", SASL2)).as("%s", success).isTrue();
            assertThat(Base64.getDecoder().decode(success.child("additional-data", SASL2).text()))
                    .isEqualTo(hmac(token, "Responder"));
            assertThat(success.child("authorization-identifier", SASL2).text()).startsWith("alice@localhost/ParleyTest/");
            assertThat(success.child("bound", "urn:xmpp:bind:0")).isNotNull();
            // Not near its expiry: no new token.
            assertThat(success.child("token", FAST)).isNull();
            assertThat(client.next().is("features", STREAMS)).isTrue();
        }
    }

    @Test
    void theOldTokenWorksUntilTheNewOneIsUsedAndIsRefusedAfter() throws Exception {
        String first = passwordLoginWithToken();
        String second;
        try (XmlClient client = XmlClient.connect(parley.server())) {
            client.open("localhost");
            client.send(fastAuthenticate(first, USER_AGENT, "<fast xmlns='" + FAST + "'/>"
                    + "<request-token xmlns='" + FAST + "' mechanism='HT-SHA-256-NONE'/>"));
            second = client.next().child("token", FAST).attribute("token");
        }
        assertThat(second).isNotEqualTo(first);

        // As if the success carrying the second token had been lost: the first still works.
        assertThat(fastLogin(first)).isEqualTo("success");
        assertThat(fastLogin(second)).isEqualTo("success");
        assertThat(fastLogin(first)).isEqualTo("not-authorized");
        assertThat(fastLogin(second)).isEqualTo("success");
    }

    @Test
    void anInvalidatedTokenIsRefused() throws Exception {
        String token = passwordLoginWithToken();
        try (XmlClient client = XmlClient.connect(parley.server())) {
            client.open("localhost");
            client.send(fastAuthenticate(token, USER_AGENT, "<fast xmlns='" + FAST + "' invalidate='true'/>"));
            Node success = client.next();
            assertThat(success.is("success", SASL2)).isTrue();
            assertThat(success.child("token", FAST)).isNull();
        }

        assertThat(fastLogin(token)).isEqualTo("not-authorized");
    }

    @Test
    void aTokenIsBoundToItsUserAgentAndGoesWithAPasswordChange() throws Exception {
        String token = passwordLoginWithToken();
        try (XmlClient client = XmlClient.connect(parley.server())) {
            client.open("localhost");
            client.send(fastAuthenticate(token, "<user-agent id='0b3c1d0e-5c4a-4b8e-9a55-3d1f6e2a7b90'/>",
                    "<fast xmlns='" + FAST + "'/>"));
            Node failure = client.next();
            assertThat(failure.is("failure", SASL2)).isTrue();
            assertThat(failure.child("not-authorized", SASL)).isNotNull();
        }
        assertThat(fastLogin(token)).isEqualTo("success");

        parley.server().server().accounts().changePassword(parley.server().user("alice"), "a new password");
        assertThat(fastLogin(token)).isEqualTo("not-authorized");
    }

    @Test
    void aTokenGoesWithTheAccount() throws Exception {
        String token = passwordLoginWithToken();

        parley.server().server().accounts().delete(parley.server().user("alice"));
        parley.server().addUser("alice", ParleyExtension.password("alice"));
        assertThat(fastLogin(token)).isEqualTo("not-authorized");
    }

    @Test
    void aWrongPasswordGetsNoToken() throws Exception {
        try (XmlClient client = XmlClient.connect(parley.server())) {
            client.open("localhost");
            Node failure = Sasl2Test.withWrongPassword(client,
                    "<request-token xmlns='" + FAST + "' mechanism='HT-SHA-256-NONE'/>");
            assertThat(failure.is("failure", SASL2)).isTrue();
            assertThat(failure.child("not-authorized", SASL)).isNotNull();
            assertThat(failure.child("token", FAST)).isNull();
            assertThat(parley.server().server().sessions().sessionsOf(parley.server().user("alice"))).isEmpty();
        }
    }

    /** Logs in with the password (SCRAM-SHA-256, Bind2) asking for an HT-SHA-256-NONE token, and returns it. */
    private String passwordLoginWithToken() throws Exception {
        try (XmlClient client = XmlClient.connect(parley.server())) {
            Node features = client.open("localhost");
            Node success = authenticate(client, features, new Sha256ScramClient("alice", ParleyExtension.password("alice"),
                    "fast-" + System.nanoTime()), BIND + "<request-token xmlns='" + FAST + "' mechanism='HT-SHA-256-NONE'/>");
            Node token = success.child("token", FAST);
            Instant expiry = Instant.parse(token.attribute("expiry"));
            assertThat(expiry).isBetween(Instant.now().plus(Duration.ofDays(13)), Instant.now().plus(Duration.ofDays(15)));
            return token.attribute("token");
        }
    }

    /** A FAST login with the token: "success", or the failure's condition. */
    private String fastLogin(String token) throws Exception {
        try (XmlClient client = XmlClient.connect(parley.server())) {
            client.open("localhost");
            client.send(fastAuthenticate(token, USER_AGENT, "<fast xmlns='" + FAST + "'/>"));
            Node answer = client.next();
            if (answer.is("success", SASL2)) {
                assertThat(Base64.getDecoder().decode(answer.child("additional-data", SASL2).text()))
                        .isEqualTo(hmac(token, "Responder"));
                return "success";
            }
            return answer.children().getFirst().name();
        }
    }

    /** HT-SHA-256-NONE's one message: authcid NUL HMAC-SHA-256(token, "Initiator"). */
    private static String fastAuthenticate(String token, String userAgent, String inline) throws Exception {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.write("alice".getBytes(StandardCharsets.UTF_8));
        message.write(0);
        message.write(hmac(token, "Initiator"));
        return "<authenticate xmlns='" + SASL2 + "' mechanism='HT-SHA-256-NONE'><initial-response>"
                + Base64.getEncoder().encodeToString(message.toByteArray()) + "</initial-response>" + userAgent + inline
                + "</authenticate>";
    }

    private static byte[] hmac(String token, String label) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
    }
}
