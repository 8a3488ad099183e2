package im.parley.it.federation;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.it.clients.ClientScenarios;
import im.parley.testkit.RecordingClient;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/** The programs federation tests start beside Parley: dnsmasq answering SRV records, other XMPP servers. */
public final class Daemons {
    private static final Path DNSMASQ = Path.of("/usr/sbin/dnsmasq");

    private Daemons() {
    }

    /**
     * Starts dnsmasq on {@code 127.0.0.1:port} answering only its own records: for each of
     * {@code domains} an {@code _xmpp-server._tcp} SRV record naming its target (for
     * {@code xmpp-<domain>} an address record to 127.0.0.1) and the given port, and an {@code _xmpps-server._tcp} one
     * (XEP-0368) for its direct TLS port if it has one.
     */
    public static Process dnsmasq(Path log, int port, List<DomainPort> domains) throws IOException {
        ClientScenarios.requireInstalled(Files.isExecutable(DNSMASQ), "dnsmasq", "apt-get install dnsmasq-base");
        List<String> command = new ArrayList<>(List.of(DNSMASQ.toString(), "--keep-in-foreground",
                "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--bind-interfaces", "--listen-address=127.0.0.1",
                "--port=" + port, "--pid-file="));
        for (DomainPort domain : domains) {
            command.add("--srv-host=_xmpp-server._tcp." + domain.domain() + "," + domain.target() + ","
                    + domain.port());
            if (domain.directTlsPort() >= 0) {
                command.add("--srv-host=_xmpps-server._tcp." + domain.domain() + "," + domain.target() + ","
                        + domain.directTlsPort());
            }
            command.add("--host-record=xmpp-" + domain.domain() + ",127.0.0.1");
        }
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * A domain, the port of its server, its direct TLS port (-1: none), and the host its SRV
     * records name: {@code xmpp-<domain>}, whose address record dnsmasq answers, unless the peer
     * resolves targets through the system's resolver instead (ejabberd: then {@code localhost}).
     */
    public record DomainPort(String domain, int port, int directTlsPort, String target) {
        DomainPort(String domain, int port) {
            this(domain, port, -1);
        }

        public DomainPort(String domain, int port, int directTlsPort) {
            this(domain, port, directTlsPort, "xmpp-" + domain);
        }
    }

    /** A user of another server on loopback ({@code user@domain/resource}, its client port), logged in without TLS. */
    static RecordingClient login(String domain, int c2sPort, String user, String password, String resource)
            throws Exception {
        return new RecordingClient(XMPPTCPConnectionConfiguration.builder().setXmppDomain(domain)
                .setHost("127.0.0.1").setPort(c2sPort).setUsernameAndPassword(user, password).setResource(resource)
                .setSecurityMode(SecurityMode.disabled).build()).login();
    }

    /** Runs a command to its end (a minute at most), its output appended to {@code log}; fails unless it succeeds. */
    static void run(Path log, String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0).as(String.join(" ", command))
                .isTrue();
    }

    /** Waits (a minute at most) until something listens on the loopback port. */
    static void awaitPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("nothing listens on port " + port);
    }

    /** Stops a process this test started and whatever it started in turn (a shell's children). */
    public static void stop(Process process) throws InterruptedException {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }
}
