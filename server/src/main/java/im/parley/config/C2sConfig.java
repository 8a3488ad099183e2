package im.parley.config;

import java.time.Duration;

/** Client-to-server listeners and session rules ({@code c2s:} section). */
public record C2sConfig(
        String bindAddress,
        int port,
        int directTlsPort,
        boolean requireTls,
        ResourceConflict resourceConflict,
        Duration unauthenticatedTimeout,
        Duration idleTimeout,
        Duration restAfter,
        int maxQueuedBytes) {
    /**
     * The least cap on bytes queued for a client beyond its socket's buffers: a smaller one would
     * cut off clients that read at a normal pace but receive a burst (roster and presences at login).
     */
    private static final int MIN_QUEUED_BYTES = 65_536;

    /** The direct TLS listener (XEP-0368) is off when its port is -1. */
    public boolean directTlsEnabled() {
        return directTlsPort >= 0;
    }

    static C2sConfig read(ConfigSection s) {
        return new C2sConfig(
                s.parsed("bind-address", "0.0.0.0", "an IP address or host name", C2sConfig::address),
                s.port("port", 5222),
                s.portOrOff("direct-tls-port", 5223),
                s.bool("require-tls", true),
                s.choice("resource-conflict", ResourceConflict.REPLACE),
                Duration.ofSeconds(s.integer("unauthenticated-timeout-seconds", 30, 1, Integer.MAX_VALUE)),
                Duration.ofSeconds(s.integer("idle-timeout-seconds", 600, 1, Integer.MAX_VALUE)),
                Duration.ofSeconds(s.integer("rest-after-seconds", 5, 1, Integer.MAX_VALUE)),
                s.integer("max-queued-bytes", 1_048_576, MIN_QUEUED_BYTES, Integer.MAX_VALUE));
    }

    /** A listener's bind address, as written (Netty resolves it when it binds). */
    static String address(String value) {
        if (value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("empty or contains spaces");
        }
        return value;
    }
}
