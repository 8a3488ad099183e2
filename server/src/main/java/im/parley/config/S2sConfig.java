package im.parley.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Server-to-server streams ({@code s2s:} section, RFC 6120 with {@code jabber:server}): the
 * listener, how peers are found (static routes first, then DNS), and the timings of outgoing streams.
 *
 * @param dialback accept and use Server Dialback (XEP-0220) with peers whose certificate does not
 *     prove their domain; false: certificates only (SASL EXTERNAL)
 * @param caCertificates PEM files of CAs trusted for peers' certificates beside the JDK's
 * @param selfSignedDomains peer domains whose certificate counts when it names them, CA or not
 * @param routes remote domains whose server is at a fixed address (private networks, tests), unresolved
 * @param dnsServers the DNS servers asked for SRV and address records; empty: the system's
 * @param connectTimeout a peer not authenticated this long after the first stanza for it: its
 *     stanzas bounce with remote-server-timeout
 * @param idleTimeout a stream with no traffic this long is closed (a new one is opened when needed)
 * @param blockedDomains peer domains (and their subdomains) refused both ways
 * @param maxStreamsPerDomain incoming streams one peer domain may have authenticated at once
 * @param bidi bidirectional streams (XEP-0288): offered to peers, and asked for where offered
 * @param directTlsPort the port of direct TLS streams (XEP-0368: TLS from the first byte); -1: off
 * @param stanzasPerSecond stanzas one peer domain may send a second over all its streams (faster
 *     ones are paced, not dropped); 0: no limit
 * @param maxQueuedBytes the bytes that may wait for a peer that reads slower than it is sent to;
 *     beyond, its stream ends with policy-violation
 */
public record S2sConfig(
        boolean enabled,
        String bindAddress,
        int port,
        int directTlsPort,
        boolean requireTls,
        boolean dialback,
        boolean bidi,
        List<Path> caCertificates,
        List<String> selfSignedDomains,
        Map<String, InetSocketAddress> routes,
        List<InetSocketAddress> dnsServers,
        Duration connectTimeout,
        Duration idleTimeout,
        List<String> blockedDomains,
        int maxStreamsPerDomain,
        int stanzasPerSecond,
        int maxQueuedBytes) {
    /** The port RFC 6120 §3.2.1 falls back to when a domain has no SRV record. */
    public static final int DEFAULT_PORT = 5269;

    public S2sConfig {
        caCertificates = List.copyOf(caCertificates);
        selfSignedDomains = List.copyOf(selfSignedDomains);
        routes = Map.copyOf(routes);
        dnsServers = List.copyOf(dnsServers);
        blockedDomains = List.copyOf(blockedDomains);
    }

    public boolean directTlsEnabled() {
        return directTlsPort >= 0;
    }

    static S2sConfig read(ConfigSection s) {
        return new S2sConfig(
                s.bool("enabled", false),
                s.parsed("bind-address", "0.0.0.0", "an IP address or host name", C2sConfig::address),
                s.port("port", DEFAULT_PORT),
                s.portOrOff("direct-tls-port", -1),
                s.bool("require-tls", true),
                s.bool("dialback", true),
                s.bool("bidi", true),
                s.list("ca-certificates", List.of(), "PEM file paths", Path::of),
                s.list("self-signed-domains", List.of(), "domain names", S2sConfig::domain),
                s.map("routes", "domain names", S2sConfig::domain, "host:port",
                        value -> address(value, DEFAULT_PORT)),
                s.list("dns-servers", List.of(), "host:port or IP addresses", value -> address(value, 53)),
                Duration.ofSeconds(s.integer("connect-timeout-seconds", 30, 1, Integer.MAX_VALUE)),
                Duration.ofSeconds(s.integer("idle-timeout-seconds", 600, 1, Integer.MAX_VALUE)),
                s.list("blocked-domains", List.of(), "domain names", S2sConfig::domain),
                s.integer("max-streams-per-domain", 10, 1, Integer.MAX_VALUE),
                s.integer("stanzas-per-second", 10_000, 0, Integer.MAX_VALUE),
                s.integer("max-queued-bytes", 16 * 1_048_576, 65_536, Integer.MAX_VALUE));
    }

    private static String domain(String value) {
        return ParleyConfig.domain(value);
    }

    /** "host", "host:port", "[v6]:port"; an address without a port gets {@code defaultPort}. */
    static InetSocketAddress address(String value, int defaultPort) {
        String host = value;
        int port = defaultPort;
        int colon = value.lastIndexOf(':');
        boolean bracketed = value.startsWith("[");
        if (colon > 0 && (bracketed ? value.lastIndexOf(']') < colon : value.indexOf(':') == colon)) {
            host = value.substring(0, colon);
            try {
                port = Integer.parseInt(value.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the port is not a number");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("the port is not 1-65535");
            }
        }
        if (bracketed) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("no host name");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}
