package im.parley.modules.extdisco;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * A STUN or TURN server the clients are told about (XEP-0215), written in the configuration as the
 * URI of RFC 7064 or RFC 7065 ({@code stun:stun.example.org}, {@code turns:turn.example.org:5349},
 * {@code turn:192.0.2.1:3478?transport=tcp}): the form operators find in their relay's documentation.
 *
 * @param type the XEP-0215 service type: {@code stun}, {@code stuns}, {@code turn} or {@code turns}
 * @param host a domain name or an IP address (an IPv6 one without brackets)
 * @param port the port, the scheme's default when the URI has none (3478, or 5349 over TLS)
 * @param transport {@code udp} or {@code tcp}: the URI's {@code transport}, otherwise UDP for the
 *     plain schemes and TCP for the TLS ones (RFC 7065 §3)
 */
public record ExternalService(String type, String host, int port, String transport) {
    private static final Set<String> TYPES = Set.of("stun", "stuns", "turn", "turns");

    /** Whether clients need credentials to use it: TURN allocations are authenticated (RFC 5766 §4). */
    public boolean isTurn() {
        return type.startsWith("turn");
    }

    /** Parses an RFC 7064/7065 URI; throws {@link IllegalArgumentException} saying what is wrong. */
    public static ExternalService parse(String text) {
        String scheme = text.substring(0, Math.max(text.indexOf(':'), 0)).toLowerCase(Locale.ROOT);
        if (!TYPES.contains(scheme)) {
            throw new IllegalArgumentException("the scheme must be stun:, stuns:, turn: or turns:");
        }
        URI uri;
        try {
            // host[:port][?query] after the scheme; parsed as an authority so IPv6 brackets work.
            uri = new URI("x://" + text.substring(scheme.length() + 1));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getReason());
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty()) {
            throw new IllegalArgumentException("expected " + scheme + ":host[:port]");
        }
        boolean tls = scheme.endsWith("s");
        int port = uri.getPort() == -1 ? (tls ? 5349 : 3478) : uri.getPort();
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        return new ExternalService(scheme, host, port, transport(scheme, tls, uri.getRawQuery()));
    }

    private static String transport(String scheme, boolean tls, String query) {
        if (query == null) {
            return tls ? "tcp" : "udp";
        }
        if (scheme.startsWith("stun")) {
            throw new IllegalArgumentException("a stun: URI takes no query (RFC 7064)");
        }
        String transport = query.toLowerCase(Locale.ROOT);
        return switch (transport) {
            case "transport=udp" -> {
                if (tls) {
                    throw new IllegalArgumentException("turns: runs over TCP (RFC 7065 §3)");
                }
                yield "udp";
            }
            case "transport=tcp" -> "tcp";
            default -> throw new IllegalArgumentException("the query must be transport=udp or transport=tcp");
        };
    }
}
