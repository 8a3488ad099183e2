package im.parley.modules.push;

import im.parley.config.ConfigSection;
import java.time.Duration;

/**
 * Push notifications, XEP-0357 ({@code push:} section). What a push tells the app server is the
 * administrator's choice, not the client's (§9: not in-band): the sender by default, the body
 * only when switched on, since the app server and the platform's push service are third parties.
 *
 * @param includeSender send {@code last-message-sender}
 * @param includeBody send {@code last-message-body}
 * @param maxRegistrationsPerUser push services one account may enable; more: policy-violation
 * @param responseTimeout how long an app server has to answer a push; no answer counts as an error
 * @param firstBackoff after an app server's first error (or timeout) in a row, no push is sent to
 *     that registration for this long; each further error doubles it
 * @param maxBackoff the longest pause
 * @param maxErrors errors in a row after which the registration is disabled (§7: the server
 *     SHOULD consider it disabled, MAY wait for enough errors in a row); the client enables it
 *     again when it next connects
 */
public record PushConfig(boolean includeSender, boolean includeBody, int maxRegistrationsPerUser,
        Duration responseTimeout, Duration firstBackoff, Duration maxBackoff, int maxErrors) {
    public static PushConfig read(ConfigSection s) {
        int first = s.integer("backoff-initial-seconds", 30, 1, 86_400);
        int max = s.integer("backoff-max-seconds", 3600, 1, 86_400);
        if (max < first) {
            throw s.error("backoff-max-seconds", "must be at least backoff-initial-seconds (" + first + ")");
        }
        return new PushConfig(s.bool("include-sender", true), s.bool("include-body", false),
                s.integer("max-registrations-per-user", 20, 1, 1000),
                Duration.ofSeconds(s.integer("response-timeout-seconds", 30, 1, 600)),
                Duration.ofSeconds(first), Duration.ofSeconds(max), s.integer("max-errors", 5, 1, 1000));
    }
}
