package im.parley.modules.caps;

import im.parley.config.ConfigSection;
import java.time.Duration;

/** Entity capabilities ({@code caps:} section). */
public record CapsConfig(int cacheSize, Duration queryTimeout) {
    /** Reads {@code cache-size} (verified ver strings kept) and {@code query-timeout-seconds} (disco#info wait). */
    public static CapsConfig read(ConfigSection s) {
        return new CapsConfig(
                s.integer("cache-size", 10_000, 1, 10_000_000),
                Duration.ofSeconds(s.integer("query-timeout-seconds", 30, 1, 3600)));
    }
}
