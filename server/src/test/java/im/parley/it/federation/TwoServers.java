package im.parley.it.federation;

import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import im.parley.testkit.TestServer;
import java.io.IOException;
import java.net.ServerSocket;

/**
 * Two Parley servers federating on loopback: {@code a.test} and {@code b.test} (each with its
 * chat rooms at {@code conference.<domain>}), each with a static route to the other's
 * server-to-server port, both ports chosen free before either starts.
 */
final class TwoServers implements AutoCloseable {
    final TestServer a;
    final TestServer b;

    private TwoServers(TestServer a, TestServer b) {
        this.a = a;
        this.b = b;
    }

    /** Starts both, each with {@code extra} YAML merged into its configuration. */
    static TwoServers start(String... extra) throws Exception {
        int portA = freePort();
        int portB = freePort();
        TestServer a = TestServer.start(config("a.test", portA, "b.test", portB, extra));
        try {
            return new TwoServers(a, TestServer.start(config("b.test", portB, "a.test", portA, extra)));
        } catch (Exception | Error e) {
            a.close();
            throw e;
        }
    }

    private static String[] config(String domain, int port, String peer, int peerPort, String... extra) {
        String own = "domain: " + domain + "\n"
                + "s2s:\n  enabled: true\n  bind-address: 127.0.0.1\n  port: " + port + "\n"
                + "  routes:\n"
                + "    " + peer + ": 127.0.0.1:" + peerPort + "\n"
                + "    conference." + peer + ": 127.0.0.1:" + peerPort + "\n";
        String[] all = new String[extra.length + 1];
        all[0] = own;
        System.arraycopy(extra, 0, all, 1, extra.length);
        return all;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Creates the account {@code user} (password as {@link ParleyExtension#password}) on a server and logs it in. */
    static RecordingClient user(TestServer server, String user, String resource) throws Exception {
        server.addUser(user, ParleyExtension.password(user));
        return server.login(user, ParleyExtension.password(user), resource);
    }

    @Override
    public void close() {
        try {
            b.close();
        } finally {
            a.close();
        }
    }
}
