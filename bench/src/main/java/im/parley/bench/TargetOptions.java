package im.parley.bench;

import im.parley.bench.client.ClientPool;
import im.parley.bench.client.ScramSha1Client;
import im.parley.bench.client.Target;
import im.parley.bench.metrics.ServerProcess;
import picocli.CommandLine.Option;

/** Options every load scenario shares: where the server is, how users log in, where results go. */
final class TargetOptions {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server address (loopback).")
    String host;

    @Option(names = "--port", defaultValue = "5222", description = "Client port.")
    int port;

    @Option(names = "--domain", defaultValue = "localhost", description = "XMPP domain.")
    String domain;

    @Option(names = "--password", defaultValue = "bench-secret", description = "Password of every bench account.")
    String password;

    @Option(names = "--starttls", description = "Negotiate STARTTLS before authenticating.")
    boolean startTls;

    @Option(names = "--mechanism", defaultValue = Target.SCRAM_SHA_1, description = "SCRAM-SHA-1 or PLAIN.")
    String mechanism;

    @Option(names = "--transport", defaultValue = "tcp",
            description = "tcp, or websocket: XMPP over WebSocket (RFC 7395) at --websocket-url.")
    String transport;

    @Option(names = "--websocket-url", defaultValue = "ws://127.0.0.1:5280/xmpp-websocket",
            description = "The server's WebSocket endpoint (ws:// or wss://), for --transport websocket.")
    java.net.URI webSocketUrl;

    @Option(names = "--stream-management",
            description = "Enable stream management (XEP-0198) after binding; the clients answer the server's <r/>.")
    boolean streamManagement;

    @Option(names = "--source-addresses", defaultValue = "8",
            description = "Spread connections over 127.0.0.1..127.0.0.N.")
    int sourceAddresses;

    @Option(names = "--threads", defaultValue = "2", description = "Load tool event-loop threads.")
    int threads;

    @Option(names = "--server-pid", description = "Process id of the server, for memory and CPU figures.")
    Long serverPid;

    @Option(names = "--server-name", defaultValue = "server", description = "Name of the server in the results.")
    String serverName;

    @Option(names = "--scram-cache",
            description = "Keep the load tool's SCRAM salted passwords in this file between runs.")
    java.nio.file.Path scramCache;

    @Option(names = "--out", description = "Write the JSON result to this file.")
    java.nio.file.Path out;

    /** Opens the load generator's connection pool, with the SCRAM cache loaded when one is kept. */
    ClientPool pool() throws java.io.IOException {
        if (scramCache != null) {
            ScramSha1Client.loadCache(scramCache);
        }
        return new ClientPool(target(), threads);
    }

    /** Saves the SCRAM cache when one is kept. */
    void saveCache() throws java.io.IOException {
        if (scramCache != null) {
            ScramSha1Client.saveCache(scramCache);
        }
    }

    Target target() {
        if (!host.startsWith("127.") && !host.equals("localhost") && !host.equals("::1")) {
            throw new IllegalArgumentException("the load tool only targets loopback addresses: " + host);
        }
        java.net.URI webSocket = switch (transport) {
            case "tcp" -> null;
            case "websocket" -> webSocketUrl;
            default -> throw new IllegalArgumentException("transport must be tcp or websocket: " + transport);
        };
        if (webSocket != null && !webSocket.getHost().startsWith("127.") && !webSocket.getHost().equals("localhost")) {
            throw new IllegalArgumentException("the load tool only targets loopback addresses: " + webSocket);
        }
        return new Target(host, port, domain, password, startTls, mechanism, sourceAddresses, streamManagement,
                webSocket);
    }

    ServerProcess server() {
        return serverPid == null ? null : new ServerProcess(serverPid);
    }
}
