package im.parley.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A free loopback port for a process that must be told its port (or a peer's) before it starts:
 * PostgreSQL, dnsmasq, ngircd, Prosody, a federated server. Taken below Linux's ephemeral range
 * (32768-60999), so that no listener bound to port 0 meanwhile (every test server binds several)
 * can take it between the choice and the bind; handed out in turn, so never twice in one run.
 */
public final class FreePorts {
    private static final int FIRST = 20_000;
    private static final int LAST = 32_000;
    /** Where this JVM starts looking: apart from other test JVMs on the machine. */
    private static final AtomicInteger NEXT = new AtomicInteger((int) (ProcessHandle.current().pid() * 97 % (LAST - FIRST)));

    private FreePorts() {
    }

    public static int next() throws IOException {
        for (int tries = 0; tries < LAST - FIRST; tries++) {
            int port = FIRST + Math.floorMod(NEXT.getAndIncrement(), LAST - FIRST);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return port;
            } catch (IOException taken) {
                // In use: the next one.
            }
        }
        throw new IOException("no free loopback port in " + FIRST + "-" + LAST);
    }
}
