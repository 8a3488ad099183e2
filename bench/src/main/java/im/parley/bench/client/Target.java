package im.parley.bench.client;

import java.net.URI;
import java.util.List;

/**
 * The server under test and how every simulated user logs in to it.
 *
 * @param host address of the client port (loopback only)
 * @param port client-to-server port
 * @param domain the XMPP domain users live in
 * @param password the password every bench account has
 * @param startTls negotiate STARTTLS before authenticating (certificates are not checked: loopback)
 * @param mechanism {@code SCRAM-SHA-1} or {@code PLAIN}
 * @param sourceAddresses how many local addresses 127.0.0.2.. the connections are spread over, so
 *     that more connections than one address has ephemeral ports can be opened
 * @param streamManagement enable stream management (XEP-0198) after binding and answer the server's
 *     {@code <r/>}: a server that keeps stanzas until acknowledged (and Parley's delivery journal) at work
 * @param webSocket the {@code ws://} or {@code wss://} URL of the server's XMPP over WebSocket endpoint
 *     (RFC 7395) that users connect to instead of {@code host} and {@code port}, or null for TCP
 */
public record Target(String host, int port, String domain, String password, boolean startTls, String mechanism,
        int sourceAddresses, boolean streamManagement, URI webSocket) {

    public static final String SCRAM_SHA_1 = "SCRAM-SHA-1";
    public static final String PLAIN = "PLAIN";

    public Target {
        if (!mechanism.equals(SCRAM_SHA_1) && !mechanism.equals(PLAIN)) {
            throw new IllegalArgumentException("mechanism must be SCRAM-SHA-1 or PLAIN: " + mechanism);
        }
        if (sourceAddresses < 1 || sourceAddresses > 250) {
            throw new IllegalArgumentException("source addresses must be 1..250: " + sourceAddresses);
        }
        if (webSocket != null && !List.of("ws", "wss").contains(webSocket.getScheme())) {
            throw new IllegalArgumentException("a WebSocket URL is ws:// or wss://: " + webSocket);
        }
        if (webSocket != null && startTls) {
            throw new IllegalArgumentException("no STARTTLS over WebSocket (RFC 7395 §3.4): use a wss:// URL");
        }
    }

    /** A target users reach over TCP. */
    public Target(String host, int port, String domain, String password, boolean startTls, String mechanism,
            int sourceAddresses, boolean streamManagement) {
        this(host, port, domain, password, startTls, mechanism, sourceAddresses, streamManagement, null);
    }

    /** The bare JID of bench user number {@code index}. */
    public String bareJid(int index) {
        return username(index) + "@" + domain;
    }

    /** Bench account names are user1, user2...: the same on every server, so provisioning is one loop. */
    public static String username(int index) {
        return "user" + index;
    }
}
