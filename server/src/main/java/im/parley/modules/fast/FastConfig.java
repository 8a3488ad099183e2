package im.parley.modules.fast;

import im.parley.config.ConfigSection;
import java.time.Duration;

/**
 * FAST tokens, XEP-0484 ({@code fast:} section).
 *
 * @param tokenLifetime how long a token is valid from when it is issued
 * @param rotateWhenLeft a token used with less than this left before it expires is replaced by a
 *     new one in that {@code <success/>} (the XEP's rotation); at most the lifetime
 */
public record FastConfig(Duration tokenLifetime, Duration rotateWhenLeft) {
    private static final int DAY = 86_400;

    public static FastConfig read(ConfigSection s) {
        int lifetime = s.integer("token-lifetime-seconds", 14 * DAY, 60, 365 * DAY);
        int rotate = s.integer("rotate-when-left-seconds", lifetime / 2, 0, 365 * DAY);
        if (rotate > lifetime) {
            throw s.error("rotate-when-left-seconds", "must be at most token-lifetime-seconds (" + lifetime + ")");
        }
        return new FastConfig(Duration.ofSeconds(lifetime), Duration.ofSeconds(rotate));
    }
}
