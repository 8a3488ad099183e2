package im.parley.stream;

import java.time.Duration;
import java.util.Set;

/**
 * The client-stream options, from the c2s and limits sections of the configuration.
 *
 * @param hosts the hosted domains a stream header's 'to' may name
 * @param defaultHost the host of a stream whose header names none (RFC 6120 §4.7.2)
 */
public record StreamSettings(
        Set<String> hosts,
        String defaultHost,
        boolean requireTls,
        int maxAuthFailures,
        Duration unauthenticatedTimeout) {
    public StreamSettings {
        hosts = Set.copyOf(hosts);
    }
}
