package im.parley.it.clients;

import im.parley.testkit.FreePorts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.RecordingClient;
import im.parley.testkit.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * A real gateway: biboumi (Debian's XMPP-to-IRC gateway) connected to Parley as the external
 * component {@code irc.localhost}, and to an IRC server (Debian's ngircd) named
 * {@code irc.localhost} too, both on free loopback ports with the configuration files the README's
 * "Adding a gateway" shows. A Parley user (Smack) joins the channel {@code #chan} through biboumi
 * and talks with a scripted IRC client, and sees IRC users join and part as room presence.
 */
class BiboumiGatewayTest {
    private static final String GATEWAY = "irc.localhost";
    private static final String SECRET = "gateway-secret";
    private static final String ROOM = "#chan%irc.localhost@" + GATEWAY;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private TestServer server;
    private Process ngircd;
    private Process biboumi;

    @BeforeAll
    static void gatewayAndIrcServerAreInstalled() {
        ClientScenarios.requireInstalled(Files.isExecutable(Path.of("/usr/bin/biboumi")), "biboumi",
                "apt-get install biboumi");
        ClientScenarios.requireInstalled(Files.isExecutable(Path.of("/usr/sbin/ngircd")), "ngircd",
                "apt-get install ngircd");
    }

    @AfterEach
    void stopAll() throws Exception {
        // biboumi first: on SIGTERM it says goodbye to the IRC server and closes its stream with Parley.
        stop(biboumi);
        stop(ngircd);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aParleyUserTalksWithAnIrcUserThroughBiboumi() throws Exception {
        server = TestServer.start("components:\n  port: 0\n  accept:\n    - domain: " + GATEWAY + "\n      secret: "
                + SECRET + "\n      name: IRC\n");
        server.addUser("alice", "alice-pw");
        int ircPort = FreePorts.next();
        ngircd = start(dir.resolve("ngircd.log"), "/usr/sbin/ngircd", "-n", "-f",
                write("ngircd.conf", ngircdConf(ircPort)).toString());
        await().atMost(WAIT).until(() -> accepts(ircPort));
        biboumi = start(dir.resolve("biboumi.out"), "/usr/bin/biboumi",
                write("biboumi.cfg", biboumiCfg(server.server().componentPort())).toString());

        try {
            talk(ircPort);
        } catch (Exception | AssertionError e) {
            // What the gateway and the IRC server said is most of what explains a failure here.
            e.addSuppressed(new AssertionError("biboumi:\n" + Files.readString(dir.resolve("biboumi.out"))
                    + "\nngircd:\n" + Files.readString(dir.resolve("ngircd.log"))));
            throw e;
        }
    }

    private void talk(int ircPort) throws Exception {
        try (RecordingClient alice = server.login("alice", "alice-pw", "desk");
                IrcClient bob = IrcClient.connect(ircPort, "bob")) {
            // Biboumi connects to the IRC server when the user first joins: more than Smack's default 5 s.
            alice.connection().setReplyTimeout(WAIT.toMillis());
            ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(alice.connection());
            await().atMost(WAIT).until(() -> disco.discoverItems(JidCreate.domainBareFrom("localhost")).getItems()
                    .stream().anyMatch(i -> i.getEntityID().toString().equals(GATEWAY)));
            pointGatewayAt(alice, ircPort);
            bob.join("#chan");

            MultiUserChat room = MultiUserChatManager.getInstanceFor(alice.connection())
                    .getMultiUserChat(JidCreate.entityBareFrom(ROOM));
            room.join(Resourcepart.from("alice"));
            await().atMost(WAIT).until(() -> room.getOccupants().stream()
                    .anyMatch(o -> o.getResourceOrEmpty().toString().equals("bob")));
            bob.await(line -> IrcClient.command(line).equals("JOIN") && line.startsWith(":alice!"));

            // IRC to XMPP, and back.
            bob.say("#chan", "hello from IRC");
            Message fromIrc = alice.awaitMessage(m -> "hello from IRC".equals(m.getBody()));
            assertThat(fromIrc.getType()).isEqualTo(Message.Type.groupchat);
            assertThat(fromIrc.getFrom().toString()).isEqualTo(ROOM + "/bob");
            room.sendMessage("hello from XMPP");
            assertThat(bob.await(line -> line.contains("PRIVMSG #chan :hello from XMPP"))).startsWith(":alice!");

            // Another IRC user comes and goes: room presence for each.
            try (IrcClient carol = IrcClient.connect(ircPort, "carol")) {
                carol.join("#chan");
                alice.await(s -> s instanceof Presence p && p.isAvailable() && s.getFrom().toString().equals(ROOM + "/carol"));
                carol.part("#chan");
                alice.await(s -> s instanceof Presence p && p.getType() == Presence.Type.unavailable
                        && s.getFrom().toString().equals(ROOM + "/carol"));
            }
        }
    }

    /**
     * Biboumi's per-user server settings (its ad-hoc command {@code configure} on the server's
     * JID): the network {@code irc.localhost} is at 127.0.0.1, on the test's port, without TLS.
     */
    private static void pointGatewayAt(RecordingClient user, int ircPort) throws Exception {
        AdHocCommand configure = AdHocCommandManager.getInstance(user.connection())
                .getRemoteCommand(JidCreate.from("irc.localhost@" + GATEWAY), "configure");
        FillableForm form = configure.execute().asExecutingOrThrow().getFillableForm();
        form.setAnswer("address", "127.0.0.1");
        form.setAnswer("ports", List.of(String.valueOf(ircPort)));
        form.setAnswer("tls_ports", List.of());
        assertThat(configure.execute(form).isCompleted()).isTrue();
    }

    private static String ngircdConf(int port) {
        return """
                [Global]
                Name = irc.localhost
                Info = Parley gateway test
                AdminInfo1 = Parley tests
                AdminInfo2 = loopback
                AdminEMail = nobody@localhost
                Listen = 127.0.0.1
                Ports = %d
                MotdPhrase = "Parley gateway test"
                [Options]
                PAM = no
                Ident = no
                DNS = no
                """.formatted(port);
    }

    private String biboumiCfg(int componentPort) {
        return """
                hostname=%s
                password=%s
                xmpp_server_ip=127.0.0.1
                port=%d
                identd_port=0
                db_name=%s
                log_level=1
                """.formatted(GATEWAY, SECRET, componentPort, dir.resolve("biboumi.sqlite"));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static Process start(Path log, String... command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void stop(Process process) throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
