package im.parley.stream;

import im.parley.config.ResourceConflict;
import java.time.Duration;

/** The client-stream options, from the c2s and limits sections of the configuration. */
public record StreamSettings(
        String domain,
        boolean requireTls,
        ResourceConflict resourceConflict,
        int maxAuthFailures,
        Duration unauthenticatedTimeout) {
}
