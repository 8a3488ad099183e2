package im.parley.bench.scenario;

import im.parley.bench.client.Target;
import im.parley.bench.provision.ParleyProvisioner;
import im.parley.bench.report.Json;
import im.parley.config.ParleyConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.ReconnectionManager;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.sm.predicates.AfterXStanzas;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.ping.PingManager;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Durability under a crash (issue 12): Parley runs as a separate process; several Smack clients
 * with stream management send messages to recipients that never logged in (offline) and to
 * recipients whose connection dropped without a word (detached, resumable), and record every
 * message the server acknowledged (Smack's stanza-acknowledged listener, fed by the server's
 * {@code <a h/>}). Once {@code killAfter} messages are acknowledged, the server gets SIGKILL
 * ({@code kill -9}) in the middle of the load. It is started again on the same data, the
 * recipients log in, and every message they get is counted against what was acknowledged:
 * delivered exactly once, lost, duplicated.
 *
 * <p>The archive is switched off: it is not how a message reaches an offline recipient, and its
 * writes would only slow the load down.
 */
public final class CrashScenario {
    private static final String DOMAIN = "crash.test";
    private static final String PASSWORD = "crash-secret";
    private static final String RESOURCE = "crash";
    /** An {@code <r/>} after this many stanzas keeps acknowledgements coming. */
    private static final int REQUEST_ACK_EVERY = 20;
    /**
     * Messages a sender has unacknowledged at most. Smack's writer waits with 500 unacknowledged
     * while its outgoing queue fills, and its reader, which would process the acknowledgement,
     * then waits to queue its own answers: a sender that outruns the server deadlocks its client.
     */
    private static final int IN_FLIGHT = 200;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** After the last expected message, how long to wait for any more (duplicates). */
    private static final Duration QUIET = Duration.ofSeconds(3);
    /**
     * With messages still missing, how long without any arriving before they are counted lost
     * (long: a recipient's stored messages wait for its acknowledgements, half of
     * max-unacked-stanzas at a time, on a loaded machine).
     */
    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    /**
     * @param messages messages to send at most (the kill stops the load before)
     * @param killAfter acknowledged messages after which the server is killed
     * @param deliveryTimeout how long the recipients wait for the acknowledged messages after the restart
     * @param journal the delivery journal on (the default) or off (to show what it is for)
     */
    public record Settings(int messages, int senders, int offlineRecipients, int detachedRecipients, int killAfter,
            Duration deliveryTimeout, boolean journal) {
        public Settings {
            if (messages < 1 || senders < 1 || offlineRecipients + detachedRecipients < 1 || killAfter < 1
                    || killAfter > messages) {
                throw new IllegalArgumentException("need messages, senders, recipients and 1 <= kill-after <= messages");
            }
        }

        int users() {
            return senders + offlineRecipients + detachedRecipients;
        }
    }

    private final Settings settings;
    /** The command that runs Parley's command line ({@code bin/parley}, or java with a class path and the main class). */
    private final List<String> launcher;
    private final Path dir;
    private final int port;
    private final Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final CountDownLatch killNow = new CountDownLatch(1);
    private volatile boolean killed;

    public CrashScenario(Settings settings, List<String> launcher, Path dir) throws IOException {
        this.settings = settings;
        this.launcher = List.copyOf(launcher);
        this.dir = dir;
        this.port = freePort();
    }

    public Json run() throws Exception {
        Path config = writeConfig();
        ParleyProvisioner.provision(ParleyConfig.load(config), new ContactRing(settings.users(), 0), PASSWORD);
        long began = System.nanoTime();
        Process server = start(config, "first");
        double startSeconds = seconds(began);
        List<XMPPTCPConnection> senders = new ArrayList<>();
        List<Semaphore> inFlight = new ArrayList<>();
        long killedAt;
        double loadSeconds;
        try {
            detachRecipients();
            for (int s = 0; s < settings.senders(); s++) {
                inFlight.add(new Semaphore(IN_FLIGHT));
                senders.add(sender(s, inFlight.get(s)));
            }
            long loadStarted = System.nanoTime();
            List<Thread> sending = new ArrayList<>();
            for (int s = 0; s < senders.size(); s++) {
                int index = s;
                sending.add(Thread.ofPlatform().name("crash-sender-" + s).start(() -> send(senders.get(index), inFlight.get(index), index)));
            }
            awaitKillPoint(sending);
            killed = true;
            server.destroyForcibly();
            killedAt = System.nanoTime();
            loadSeconds = seconds(loadStarted);
            server.waitFor();
            senders.forEach(XMPPTCPConnection::instantShutdown);
            for (Thread thread : sending) {
                thread.join(10_000);
            }
        } finally {
            server.destroyForcibly();
        }
        int acknowledgedAtKill = acknowledged.size();
        Process restarted = start(config, "restarted");
        try {
            double restartSeconds = seconds(killedAt);
            long restartedAt = System.nanoTime();
            List<XMPPTCPConnection> recipients = logRecipientsIn();
            awaitDeliveries(restartedAt);
            recipients.forEach(XMPPTCPConnection::disconnect);
            return result(acknowledgedAtKill).put("seconds_to_start", startSeconds)
                    .put("seconds_to_kill", loadSeconds)
                    .put("seconds_to_restart", restartSeconds)
                    .put("seconds_to_deliver", seconds(restartedAt));
        } finally {
            restarted.destroy();
            if (!restarted.waitFor(30, TimeUnit.SECONDS)) {
                restarted.destroyForcibly();
            }
        }
    }

    /**
     * Until {@code killAfter} messages are acknowledged; when everything was sent before (Smack
     * queues faster than the server acknowledges), until the acknowledgements stop coming.
     */
    private void awaitKillPoint(List<Thread> sending) throws InterruptedException {
        int lastCount = -1;
        long stalledSince = System.nanoTime();
        while (!killNow.await(50, TimeUnit.MILLISECONDS)) {
            int count = acknowledged.size();
            if (count != lastCount) {
                lastCount = count;
                stalledSince = System.nanoTime();
            } else if (sending.stream().noneMatch(Thread::isAlive)
                    && System.nanoTime() - stalledSince > QUIET.toNanos()) {
                return;
            }
        }
    }

    private Path writeConfig() throws IOException {
        Files.createDirectories(dir);
        Path config = dir.resolve("parley.yaml");
        Files.writeString(config, """
                domain: %s
                data-dir: %s
                log-level: warn
                c2s:
                  bind-address: 127.0.0.1
                  port: %d
                  direct-tls-port: -1
                  require-tls: false
                offline:
                  max-messages-per-user: 10000000
                archive:
                  enabled: false
                stream-management:
                  delivery-journal: %b
                """.formatted(DOMAIN, dir.resolve("data").toAbsolutePath(), port, settings.journal()));
        return config;
    }

    private Process start(Path config, String run) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("start", "--config", config.toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("parley-" + run + ".log").toFile()).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!listening()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("Parley did not start (" + run + "); see " + dir.resolve(
                        "parley-" + run + ".log"));
            }
            Thread.sleep(100);
        }
        return process;
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private XMPPTCPConnection connection(int user) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(DOMAIN).setHost("127.0.0.1").setPort(port)
                .setUsernameAndPassword(Target.username(user), PASSWORD).setResource(RESOURCE)
                .setSecurityMode(SecurityMode.disabled).build());
        ReconnectionManager.getInstanceFor(connection).disableAutomaticReconnection();
        connection.setUseStreamManagement(true);
        connection.setUseStreamManagementResumption(true);
        return connection;
    }

    /** Logged in with resumption on, then gone without closing the stream: the server keeps the session detached. */
    private void detachRecipients() throws Exception {
        for (int r = 0; r < settings.detachedRecipients(); r++) {
            XMPPTCPConnection recipient = connection(firstDetached() + r);
            recipient.connect().login();
            if (!recipient.isSmResumptionPossible()) {
                throw new IllegalStateException("the server did not make " + Target.username(firstDetached() + r)
                        + "'s session resumable");
            }
            // Smack sends the initial presence without waiting; the server answers in order, so once
            // the ping is answered the session is available (messages to it go to it, not offline).
            if (!PingManager.getInstanceFor(recipient).pingMyServer()) {
                throw new IllegalStateException("no answer to a ping");
            }
            recipient.instantShutdown();
        }
    }

    private XMPPTCPConnection sender(int s, Semaphore inFlight) throws Exception {
        XMPPTCPConnection sender = connection(1 + s);
        sender.addRequestAckPredicate(new AfterXStanzas(REQUEST_ACK_EVERY));
        sender.addStanzaAcknowledgedListener(stanza -> {
            if (!(stanza instanceof Message message)) {
                return;
            }
            inFlight.release();
            if (!killed && acknowledged.putIfAbsent(message.getBody(), true) == null
                    && acknowledged.size() >= settings.killAfter()) {
                killNow.countDown();
            }
        });
        sender.connect().login();
        return sender;
    }

    /** Sender {@code s} sends its share, round robin over the recipients, until the server is gone. */
    private void send(XMPPTCPConnection connection, Semaphore inFlight, int s) {
        int recipients = settings.offlineRecipients() + settings.detachedRecipients();
        try {
            for (int i = s; i < settings.messages() && !killed; i += settings.senders()) {
                while (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    if (killed) {
                        return;
                    }
                }
                EntityBareJid to = JidCreate.entityBareFrom(
                        Target.username(firstOffline() + i % recipients) + "@" + DOMAIN);
                connection.sendStanza(connection.getStanzaFactory().buildMessageStanza().to(to)
                        .ofType(Message.Type.chat).setBody("crash " + i).build());
                sent.incrementAndGet();
            }
            if (!killed) {
                connection.requestSmAcknowledgement();
            }
        } catch (Exception e) {
            if (!killed) {
                throw new IllegalStateException("sending failed before the kill", e);
            }
        }
    }

    private List<XMPPTCPConnection> logRecipientsIn() throws Exception {
        List<XMPPTCPConnection> recipients = new ArrayList<>();
        for (int user = firstOffline(); user <= settings.users(); user++) {
            XMPPTCPConnection recipient = connection(user);
            recipient.addAsyncStanzaListener(stanza -> received
                    .computeIfAbsent(((Message) stanza).getBody(), body -> new AtomicInteger()).incrementAndGet(),
                    MessageTypeFilter.CHAT);
            recipient.connect().login();
            recipients.add(recipient);
        }
        return recipients;
    }

    /** Until every acknowledged message came and nothing more for a while, or the timeout. */
    private void awaitDeliveries(long since) throws InterruptedException {
        long deadline = since + settings.deliveryTimeout().toNanos();
        long lastCount = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long count = received.values().stream().mapToLong(AtomicInteger::get).sum();
            if (count != lastCount) {
                lastCount = count;
                quietSince = System.nanoTime();
            } else {
                long quiet = System.nanoTime() - quietSince;
                if (quiet > GIVE_UP.toNanos()
                        || quiet > QUIET.toNanos() && received.keySet().containsAll(acknowledged.keySet())) {
                    return;
                }
            }
            Thread.sleep(100);
        }
    }

    /** Seconds since {@code nanoTime}, to a tenth. */
    private static double seconds(long since) {
        return Math.round((System.nanoTime() - since) / 1e8) / 10.0;
    }

    private Json result(int acknowledgedAtKill) {
        Set<String> acked = acknowledged.keySet();
        long once = acked.stream().filter(body -> count(body) == 1).count();
        long lost = acked.stream().filter(body -> count(body) == 0).count();
        long duplicated = received.values().stream().filter(n -> n.get() > 1).count();
        long unacknowledgedDelivered = received.keySet().stream().filter(body -> !acked.contains(body)).count();
        return Json.object()
                .put("messages_to_send", settings.messages())
                .put("senders", settings.senders())
                .put("offline_recipients", settings.offlineRecipients())
                .put("detached_recipients", settings.detachedRecipients())
                .put("delivery_journal", settings.journal())
                .put("sent_before_kill", sent.get())
                .put("acknowledged", acknowledgedAtKill)
                .put("acknowledged_delivered_once", once)
                .put("lost", lost)
                .put("duplicated", duplicated)
                .put("unacknowledged_delivered", unacknowledgedDelivered);
    }

    private int count(String body) {
        AtomicInteger n = received.get(body);
        return n == null ? 0 : n.get();
    }

    private int firstOffline() {
        return settings.senders() + 1;
    }

    private int firstDetached() {
        return firstOffline() + settings.offlineRecipients();
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
