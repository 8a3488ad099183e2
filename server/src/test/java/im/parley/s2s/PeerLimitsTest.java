package im.parley.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PeerLimitsTest {
    private final AtomicLong now = new AtomicLong();
    private final PeerLimits limits = new PeerLimits(2, 0, now::get);

    @Test
    void aDomainWithoutStreamsIsForgottenAfterTheIdleTime() {
        assertThat(limits.admit("a.test")).isTrue();
        limits.release("a.test");
        advance(PeerLimits.IDLE.minusSeconds(1));
        assertThat(limits.domains()).isEqualTo(1);
        advance(Duration.ofSeconds(2));
        assertThat(limits.domains()).isZero();
    }

    @Test
    void aDomainWithAStreamIsKeptHoweverLongItLasts() {
        assertThat(limits.admit("a.test")).isTrue();
        assertThat(limits.admit("a.test")).isTrue();
        limits.release("a.test");
        advance(Duration.ofDays(2));
        assertThat(limits.domains()).isEqualTo(1);
        assertThat(limits.admit("a.test")).isTrue();
        assertThat(limits.admit("a.test")).as("a third stream while two are counted").isFalse();
        limits.release("a.test");
        limits.release("a.test");
        advance(PeerLimits.IDLE.plusSeconds(1));
        assertThat(limits.domains()).isZero();
    }

    @Test
    void aForgottenDomainStartsAfreshAndOthersAreUntouched() {
        assertThat(limits.admit("a.test")).isTrue();
        assertThat(limits.admit("b.test")).isTrue();
        limits.release("a.test");
        advance(PeerLimits.IDLE.plusSeconds(1));
        assertThat(limits.domains()).isEqualTo(1);
        assertThat(limits.admit("a.test")).isTrue();
        assertThat(limits.admit("a.test")).isTrue();
        assertThat(limits.admit("a.test")).isFalse();
        assertThat(limits.domains()).isEqualTo(2);
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }
}
