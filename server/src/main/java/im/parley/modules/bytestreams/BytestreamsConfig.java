package im.parley.modules.bytestreams;

import im.parley.config.ConfigSection;
import java.time.Duration;

/**
 * The SOCKS5 bytestreams proxy, XEP-0065 ({@code bytestreams-proxy:} section), at
 * {@code <subdomain>.<host>}: clients that cannot reach each other directly send files through it.
 * Off by default: it opens a port of its own, and clients must be able to reach the address it
 * announces. One listener serves every host, so its address, port and limits are server-wide.
 *
 * @param subdomain the service's domain under each host
 * @param address the address it listens on
 * @param port its port (0: any free one, for tests)
 * @param publicHost the host name or address clients are told to connect to; the listening address
 *     when not set
 * @param maxConnections SOCKS5 connections at once (two per bytestream)
 * @param activationTimeout how long a connection may wait for its bytestream's activation
 */
public record BytestreamsConfig(String subdomain, String address, int port, String publicHost, int maxConnections,
        Duration activationTimeout) {
    public static BytestreamsConfig read(ConfigSection s) {
        String address = s.string("address", "127.0.0.1");
        return new BytestreamsConfig(s.string("subdomain", "proxy"), address, s.integer("port", 7777, 0, 65_535),
                s.string("public-host", address), s.integer("max-connections", 200, 2, 100_000),
                Duration.ofSeconds(s.integer("activation-timeout-seconds", 60, 1, 3600)));
    }
}
