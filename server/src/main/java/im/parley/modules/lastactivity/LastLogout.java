package im.parley.modules.lastactivity;

import java.time.Instant;

/** When a user's session last ended, and the status of the unavailable presence it ended with (or null). */
public record LastLogout(Instant at, String status) {
}
