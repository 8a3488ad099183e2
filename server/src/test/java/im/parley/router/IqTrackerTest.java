package im.parley.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Requests the server sends and the responses that complete them (RFC 6120 §8.2.3). */
class IqTrackerTest {
    private final List<Stanza> sent = new CopyOnWriteArrayList<>();
    private final IqTracker tracker = new IqTracker(sent::add);

    private static Stanza ping(String to) {
        return Stanza.of(Element.builder("iq", Namespaces.STANZA).attribute("type", "get").attribute("id", "mine")
                .attribute("from", "example.com").attribute("to", to).child(Element.of("ping", "urn:xmpp:ping"))
                .build());
    }

    @Test
    void theResponseFromTheAddresseeCompletesTheRequestOnce() throws Exception {
        CompletableFuture<Stanza> response = tracker.request(ping("juliet@example.com/balcony"), Duration.ofSeconds(5));
        Stanza request = sent.getFirst();
        assertThat(request.id()).isNotEqualTo("mine");
        Stanza result = request.result(null);

        assertThat(tracker.complete(result)).isTrue();
        assertThat(response.get(1, TimeUnit.SECONDS)).isSameAs(result);
        assertThat(tracker.complete(result)).as("a second response answers nothing").isFalse();
    }

    @Test
    void eachRequestGetsItsOwnId() {
        tracker.request(ping("juliet@example.com/balcony"), Duration.ofSeconds(5));
        tracker.request(ping("juliet@example.com/balcony"), Duration.ofSeconds(5));
        assertThat(sent.get(0).id()).isNotEqualTo(sent.get(1).id());
    }

    @Test
    void nobodyButTheAddresseeCanAnswer() {
        CompletableFuture<Stanza> response = tracker.request(ping("juliet@example.com/balcony"), Duration.ofSeconds(5));
        Stanza forged = sent.getFirst().result(null).withFrom(Jid.parse("romeo@example.com/orchard"));

        assertThat(tracker.complete(forged)).isFalse();
        assertThat(response).isNotDone();
    }

    @Test
    void anErrorResponseCompletesTheRequestToo() throws Exception {
        CompletableFuture<Stanza> response = tracker.request(ping("juliet@example.com/balcony"), Duration.ofSeconds(5));
        Stanza error = sent.getFirst().error(StanzaError.SERVICE_UNAVAILABLE);

        assertThat(tracker.complete(error)).isTrue();
        assertThat(response.get(1, TimeUnit.SECONDS).isError()).isTrue();
    }

    @Test
    void withoutResponseTheRequestTimesOutAndALateResponseIsDropped() {
        CompletableFuture<Stanza> response = tracker.request(ping("juliet@example.com/balcony"), Duration.ofMillis(50));

        assertThatThrownBy(() -> response.get(2, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(tracker.complete(sent.getFirst().result(null))).isFalse();
    }

    @Test
    void onlyAddressedRequestsCanBeTracked() {
        Stanza result = ping("juliet@example.com/balcony").result(null);
        assertThatThrownBy(() -> tracker.request(result, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
