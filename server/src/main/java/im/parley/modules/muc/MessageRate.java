package im.parley.modules.muc;

import java.time.Duration;
import java.time.Instant;

/**
 * How many messages an occupant may still send (a token bucket): {@code perSecond} a second on
 * average, up to twice that at once. Not thread-safe: the room's lock guards it.
 */
final class MessageRate {
    private final int perSecond;
    private final int burst;
    private double tokens;
    private Instant last;

    MessageRate(int perSecond, Instant now) {
        this.perSecond = perSecond;
        this.burst = 2 * perSecond;
        this.tokens = burst;
        this.last = now;
    }

    /** Takes one message's allowance, or says there is none left now. */
    boolean take(Instant now) {
        if (now.isAfter(last)) {
            tokens = Math.min(burst, tokens + Duration.between(last, now).toNanos() * perSecond / 1e9);
            last = now;
        }
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }
}
