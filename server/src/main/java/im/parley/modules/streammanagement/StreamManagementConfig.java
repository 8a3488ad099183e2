package im.parley.modules.streammanagement;

import im.parley.config.ConfigSection;
import java.time.Duration;

/**
 * Stream management ({@code stream-management:} section).
 *
 * @param resumptionTimeout how long a session whose connection dropped is kept for resumption
 *     when the client names no 'max'; zero: sessions are never resumable
 * @param maxResumption the longest a client may ask for with 'max'
 * @param maxUnackedStanzas stanzas a session keeps unacknowledged at most; beyond, it refuses
 *     more (they go offline, or bounce) and a connected client's stream ends with policy-violation
 * @param requestAckEvery the server asks for an acknowledgement after this many stanzas
 * @param deliveryJournal a client's message counts as handled (the 'h' the server acknowledges)
 *     only once it is safe from a crash of the server: stored offline, or written to the
 *     delivery journal while a session keeps it for its client's acknowledgement
 */
public record StreamManagementConfig(Duration resumptionTimeout, Duration maxResumption, int maxUnackedStanzas,
        int requestAckEvery, boolean deliveryJournal) {
    public static StreamManagementConfig read(ConfigSection s) {
        int timeout = s.integer("resumption-timeout-seconds", 300, 0, 86_400);
        int max = s.integer("max-resumption-seconds", Math.max(600, timeout), 0, 86_400);
        if (max < timeout) {
            throw s.error("max-resumption-seconds", "must be at least resumption-timeout-seconds (" + timeout + ")");
        }
        return new StreamManagementConfig(Duration.ofSeconds(timeout), Duration.ofSeconds(max),
                s.integer("max-unacked-stanzas", 5000, 1, 1_000_000),
                s.integer("request-ack-every", 5, 1, 1_000_000),
                s.bool("delivery-journal", true));
    }

    /** The resumption window for a client that asked for {@code requested} seconds (null: none named). */
    Duration window(Long requested) {
        if (requested == null || requested <= 0) {
            return resumptionTimeout;
        }
        return Duration.ofSeconds(Math.min(requested, maxResumption.toSeconds()));
    }
}
