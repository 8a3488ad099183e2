package im.parley.config;

import java.time.Duration;
import java.util.List;

/**
 * The HTTP listener ({@code http:} section): XMPP over WebSocket (RFC 7395), the XEP-0156
 * discovery documents that point browsers to it, BOSH, file upload and the web client.
 *
 * @param port plain HTTP (ws://); -1: off
 * @param tlsPort HTTPS (wss://) with the server's certificate; -1: off
 * @param websocketPath where the WebSocket endpoint is
 * @param trustLoopback plain connections from a loopback address count as secure for login: a
 *     reverse proxy on this machine that terminated TLS, or a browser on this machine (nothing
 *     crossed a network); channel binding needs TLS on the connection itself all the same
 * @param publicUrl the WebSocket URL that host-meta announces (behind a reverse proxy); null:
 *     made from the request (its Host header, and wss on the TLS port)
 * @param publicBaseUrl the base of the URLs given out for files (e.g. {@code https://chat.example.org});
 *     null: {@code https://<host>:<tls-port>} (plain http on the plain port when TLS is off)
 * @param corsOrigins the web origins whose pages may read the discovery documents and use file
 *     upload from a browser ({@code *}: any)
 * @param bosh the BOSH endpoint (XEP-0206 POST requests) and its timing
 * @param idleTimeout how long a connection may send nothing (before or between requests, or within
 *     one) before it is closed; a request waiting for its answer (BOSH's wait) is not timed
 */
public record HttpConfig(int port, int tlsPort, String websocketPath, boolean trustLoopback,
        String publicUrl, String publicBaseUrl, List<String> corsOrigins, BoshConfig bosh, Duration idleTimeout) {
    static HttpConfig read(ConfigSection s) {
        String path = path(s, "websocket-path", "/xmpp-websocket");
        String publicUrl = s.string("public-websocket-url", null);
        if (publicUrl != null && !publicUrl.startsWith("ws://") && !publicUrl.startsWith("wss://")) {
            throw s.error("public-websocket-url", "must start with ws:// or wss://");
        }
        String publicBaseUrl = s.string("public-url", null);
        if (publicBaseUrl != null && !publicBaseUrl.matches("https?://[^/?#\\s]+")) {
            throw s.error("public-url", "must be http:// or https:// and a host (and port), without a path");
        }
        List<String> origins = s.list("cors-origins", List.of("*"), "an origin (https://host[:port]) or *", origin -> {
            if (!origin.equals("*") && !origin.matches("https?://[^/?#\\s]+")) {
                throw new IllegalArgumentException("an origin is a scheme and a host, e.g. https://chat.example.org");
            }
            return origin;
        });
        return new HttpConfig(s.portOrOff("port", 5280), s.portOrOff("tls-port", 5443), path,
                s.bool("trust-loopback", true), publicUrl, publicBaseUrl, origins, bosh(s, path),
                Duration.ofSeconds(s.integer("idle-timeout-seconds", 60, 1, 3600)));
    }

    private static BoshConfig bosh(ConfigSection s, String websocketPath) {
        BoshConfig bosh = BoshConfig.read(s);
        if (bosh.path().equals(websocketPath)) {
            throw s.error("bosh-path", "must differ from websocket-path");
        }
        return bosh;
    }

    /** An endpoint's path: starts with '/', without spaces, '?' or '#'. */
    static String path(ConfigSection s, String key, String defaultValue) {
        String path = s.string(key, defaultValue);
        if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == '?' || c == '#')) {
            throw s.error(key, "must be a path starting with '/', without spaces, '?' or '#'");
        }
        return path;
    }
}
