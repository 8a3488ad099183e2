package im.parley.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import im.parley.session.ClientSession;
import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import im.parley.testkit.ServerConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stream management (XEP-0198) with Smack, which enables it with resumption by default: a client
 * whose TCP connection drops without a word resumes its session and gets what was sent
 * meanwhile exactly once; a session not resumed in time leaves its unacknowledged messages in
 * the offline store and its IQs answered with errors.
 */
class StreamResumptionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob");
    @Login("alice/phone")
    RecordingClient alice;
    @Login("bob/desk")
    RecordingClient bob;

    @Test
    void aClientThatDropsItsConnectionAndResumesGetsEverythingSentMeanwhileExactlyOnce() throws Exception {
        XMPPTCPConnection phone = alice.connection();
        assertThat(phone.isSmEnabled()).isTrue();
        assertThat(phone.isSmResumptionPossible()).isTrue();

        phone.instantShutdown();
        // Some of these may reach the old connection before the server sees it go: they are
        // unacknowledged, so they come again on the resumed stream, and must not come twice.
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String body = "while away " + i;
            bob.send(bob.chat(i % 2 == 0 ? alice.jid() : RecordingClient.jid("alice"), body));
            sent.add(body);
        }
        phone.connect().login();

        assertThat(phone.streamWasResumed()).isTrue();
        await().atMost(WAIT).until(() -> bodies(alice).containsAll(sent));
        // Acknowledged both ways now: nothing more comes, and nothing came twice.
        phone.requestSmAcknowledgement();
        await().atMost(WAIT).until(() -> session("alice", "phone").unacknowledged() == 0);
        assertThat(bodies(alice)).containsExactlyElementsOf(sent);
    }

    @Test
    void whatComesAgainOnResumptionCarriesTheTimeItWasFirstSent() throws Exception {
        XMPPTCPConnection phone = alice.connection();
        phone.instantShutdown();
        await().atMost(WAIT).until(() -> session("alice", "phone").detached());
        int earlier = session("alice", "phone").unacknowledged();
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        bob.send(bob.chat(alice.jid(), "sent while away"));
        await().atMost(WAIT).until(() -> session("alice", "phone").unacknowledged() > earlier);
        Instant after = Instant.now();
        Thread.sleep(50);

        phone.connect().login();

        assertThat(phone.streamWasResumed()).isTrue();
        Message again = alice.awaitMessage(m -> "sent while away".equals(m.getBody()));
        DelayInformation delay = DelayInformation.from(again);
        assertThat(delay).as("XEP-0198 §4: the original delivery time (XEP-0203)").isNotNull();
        assertThat(delay.getFrom()).isEqualTo(parley.server().domain());
        assertThat(delay.getStamp().toInstant()).isBetween(before, after);
    }

    @Test
    void theServerAcknowledgesWhatTheClientSentAndAsksForAcknowledgements() throws Exception {
        CountDownLatch acknowledged = new CountDownLatch(1);
        Message message = alice.chat(bob, "acknowledge me");
        alice.connection().addStanzaIdAcknowledgedListener(message.getStanzaId(), stanza -> acknowledged.countDown());

        alice.send(message);
        alice.connection().requestSmAcknowledgement();

        assertThat(acknowledged.await(10, TimeUnit.SECONDS)).as("the server's <a/>").isTrue();
        // The server asks for acknowledgements by itself (after a few stanzas, or when idle), and
        // Smack answers them: what bob was sent is forgotten without bob asking.
        for (int i = 0; i < 7; i++) {
            alice.send(alice.chat(bob, "to bob " + i));
        }
        bob.awaitMessage(m -> "to bob 6".equals(m.getBody()));
        await().atMost(WAIT).until(() -> session("bob", "desk").unacknowledged() == 0);
    }

    @Test
    @ServerConfig("stream-management:\n  resumption-timeout-seconds: 1\n")
    void aSessionNotResumedInTimeLeavesItsUnacknowledgedMessagesInTheOfflineStore() throws Exception {
        alice.connection().instantShutdown();
        List<String> sent = IntStream.range(0, 5).mapToObj(i -> "for later " + i).toList();
        for (String body : sent) {
            bob.send(bob.chat(alice.jid(), body));
        }
        await().atMost(WAIT).until(() -> session("alice", "phone") == null);
        RecordingClient again = parley.login("alice", "laptop");

        await().atMost(WAIT).until(() -> bodies(again).containsAll(sent));
        assertThat(bodies(again)).containsExactlyElementsOf(sent);
        assertThat(again.received(Message.class)).allSatisfy(m -> assertThat(DelayInformation.from(m)).isNotNull());
    }

    @Test
    @ServerConfig("stream-management:\n  resumption-timeout-seconds: 1\n")
    void anIqToASessionThatIsNotResumedInTimeIsAnsweredWithAnError() throws Exception {
        alice.connection().instantShutdown();
        await().atMost(WAIT).until(() -> session("alice", "phone").detached());
        // The detached session takes the request (it may yet be resumed); when it expires, the
        // request is answered as one to a resource that is gone.
        Ping request = new Ping(bob.connection(), alice.jid());

        assertThatThrownBy(() -> bob.request(request)).isInstanceOf(XMPPErrorException.class)
                .satisfies(e -> assertThat(((XMPPErrorException) e).getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.service_unavailable));
    }

    /** The server's session of a user's resource, or null when none is bound. */
    private ClientSession session(String user, String resource) {
        return (ClientSession) parley.server().server().sessions()
                .get(im.parley.xmpp.Jid.of(user, parley.server().domain(), resource));
    }

    private static List<String> bodies(RecordingClient client) {
        return client.received(Message.class).stream().map(Message::getBody).toList();
    }
}
