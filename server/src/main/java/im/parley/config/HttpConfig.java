package im.parley.config;

/**
 * The HTTP listeners ({@code http:} section): XMPP over WebSocket (RFC 7395), BOSH (XEP-0206) and
 * the XEP-0156 discovery documents that point browsers to them.
 *
 * @param port plain HTTP (ws://); -1: off
 * @param tlsPort HTTPS (wss://) with the server's certificate; -1: off
 * @param websocketPath where the WebSocket endpoint is
 * @param trustLoopback plain connections from a loopback address count as secure for login: a
 *     reverse proxy on this machine that terminated TLS, or a browser on this machine (nothing
 *     crossed a network); channel binding needs TLS on the connection itself all the same
 * @param publicUrl the WebSocket URL that host-meta announces (behind a reverse proxy); null:
 *     made from the request (its Host header, and wss on the TLS port)
 * @param bosh the BOSH endpoint and its timing
 */
public record HttpConfig(int port, int tlsPort, String websocketPath, boolean trustLoopback, String publicUrl,
        BoshConfig bosh) {
    static HttpConfig read(ConfigSection s) {
        String path = path(s, "websocket-path", "/xmpp-websocket");
        String publicUrl = s.string("public-websocket-url", null);
        if (publicUrl != null && !publicUrl.startsWith("ws://") && !publicUrl.startsWith("wss://")) {
            throw s.error("public-websocket-url", "must start with ws:// or wss://");
        }
        return new HttpConfig(s.portOrOff("port", 5280), s.portOrOff("tls-port", 5443), path,
                s.bool("trust-loopback", true), publicUrl, bosh(s, path));
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
