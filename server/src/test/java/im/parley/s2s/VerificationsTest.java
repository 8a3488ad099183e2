package im.parley.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The cap on dialback verification streams per authoritative domain: the rest wait, then are refused. */
class VerificationsTest {
    private final Verifications verifications = new Verifications(2, 1);
    /** The verifications started, in order: each ends when its future completes. */
    private final List<CompletableFuture<Boolean>> started = new ArrayList<>();

    private boolean submit(String domain) {
        return verifications.submit(domain, () -> {
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            started.add(answer);
            return answer;
        });
    }

    @Test
    void beyondItsStreamsADomainsVerificationsWaitThenAreRefused() {
        assertThat(submit("a.test")).isTrue();
        assertThat(submit("a.test")).isTrue();
        assertThat(submit("a.test")).isTrue();
        assertThat(started).hasSize(2);
        assertThat(submit("a.test")).isFalse();
        // Another domain has streams of its own.
        assertThat(submit("b.test")).isTrue();
        assertThat(started).hasSize(3);

        started.get(0).complete(true);
        assertThat(started).hasSize(4);
        assertThat(submit("a.test")).isTrue();
        started.get(1).completeExceptionally(new IllegalStateException("unreachable"));
        assertThat(started).hasSize(5);
    }

    @Test
    void aDomainIsForgottenWhenItsLastVerificationEnds() {
        submit("a.test");
        submit("a.test");
        submit("a.test");
        assertThat(verifications.domains()).isEqualTo(1);

        for (int i = 0; i < started.size(); i++) {
            started.get(i).complete(false);
        }

        assertThat(started).hasSize(3);
        assertThat(verifications.domains()).isZero();
        assertThat(submit("a.test")).isTrue();
        assertThat(started).hasSize(4);
    }
}
