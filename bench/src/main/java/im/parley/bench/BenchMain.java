package im.parley.bench;

import im.parley.bench.client.ClientPool;
import im.parley.bench.client.Target;
import im.parley.bench.metrics.ServerProcess;
import im.parley.bench.provision.ParleyProvisioner;
import im.parley.bench.provision.ProsodyRosters;
import im.parley.bench.report.Json;
import im.parley.bench.scenario.ArchiveWrites;
import im.parley.bench.scenario.ChatScenario;
import im.parley.bench.scenario.ComponentScenario;
import im.parley.bench.scenario.ConnectScenario;
import im.parley.bench.scenario.ContactRing;
import im.parley.bench.scenario.CrashScenario;
import im.parley.bench.scenario.FederationScenario;
import im.parley.bench.scenario.MucScenario;
import im.parley.bench.scenario.PepScenario;
import im.parley.bench.scenario.RateSteps;
import im.parley.bench.scenario.Registration;
import im.parley.bench.scenario.RosterScenario;
import im.parley.bench.scenario.UploadScenario;
import im.parley.config.ParleyConfig;
import im.parley.store.ArchiveStore;
import im.parley.store.Database;
import im.parley.store.JdbcArchiveStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parley-bench}: the load scenarios, bulk provisioning and the microbenchmarks. */
@Command(name = "parley-bench", mixinStandardHelpOptions = true,
        description = "Benchmark kit: loads an XMPP server on loopback and reports figures as JSON.",
        subcommands = {BenchMain.Connect.class, BenchMain.Chat.class, BenchMain.Muc.class, BenchMain.Component.class, BenchMain.Federation.class,
            BenchMain.Pep.class, BenchMain.Roster.class, BenchMain.Upload.class, BenchMain.Register.class, BenchMain.ProvisionParley.class,
            BenchMain.ProsodyRosterFiles.class,
            BenchMain.ArchiveWriteRates.class, BenchMain.Crash.class, BenchMain.Micro.class})
public final class BenchMain implements Runnable {
    /** Exit status of a run that lost or duplicated messages. */
    static final int EXIT_LOSS = 3;

    public static void main(String[] args) {
        // Scripts append overrides to a shared argument list (e.g. --hold-seconds 0 for a warm-up).
        System.exit(new CommandLine(new BenchMain()).setOverwrittenOptionsAllowed(true).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Adds what every result carries, prints it and writes it where asked. */
    static void report(TargetOptions options, Json result) throws IOException {
        options.saveCache();
        Json wrapped = Json.object()
                .put("server", options.serverName)
                .put("date", Instant.now().toString())
                .put("transport", options.transport)
                .put("tls", options.startTls)
                .put("mechanism", options.mechanism)
                .put("load_average_at_end", ServerProcess.loadAverage())
                .put("result", result);
        String text = wrapped.toString();
        System.out.println(text);
        if (options.out != null) {
            Path parent = options.out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(options.out, text + "\n");
        }
    }

    /** Offered rates: one fixed rate, or a ramp from..to by step. */
    static final class Rates {
        @Option(names = "--rate", description = "Fixed offered messages per second.")
        Double rate;

        @Option(names = "--step-from", description = "Ramp: first offered rate.")
        Double from;

        @Option(names = "--step-by", description = "Ramp: increment.")
        Double by;

        @Option(names = "--step-to", description = "Ramp: last offered rate.")
        Double to;

        @Option(names = "--step-seconds", defaultValue = "10", description = "Seconds per rate.")
        int stepSeconds;

        @Option(names = "--drain-seconds", defaultValue = "5", description = "Wait for in-flight messages.")
        int drainSeconds;

        @Option(names = "--p99-limit-ms", defaultValue = "100", description = "Latency a rate must hold.")
        double p99LimitMs;

        @Option(names = "--warmup-seconds", defaultValue = "10",
                description = "Unmeasured load at the first rate before the steps.")
        int warmupSeconds;

        RateSteps steps() {
            List<Double> rates = new ArrayList<>();
            if (rate != null) {
                rates.add(rate);
            } else if (from != null && by != null && to != null && by > 0) {
                for (double r = from; r <= to + 1e-9; r += by) {
                    rates.add(r);
                }
            } else {
                throw new IllegalArgumentException("give --rate, or --step-from, --step-by and --step-to");
            }
            return new RateSteps(rates, stepSeconds, drainSeconds, p99LimitMs, warmupSeconds);
        }
    }

    static int finish(TargetOptions options, RateSteps.Outcome outcome) throws IOException {
        report(options, outcome.json());
        if (outcome.anyLoss()) {
            System.err.println("LOSS: messages were lost or duplicated (see \"losses\" above)");
            return EXIT_LOSS;
        }
        return 0;
    }

    @Command(name = "connect", description = "N users log in at R/s and stay idle: logins/s, latency, memory.")
    static final class Connect implements Callable<Integer> {
        @Mixin TargetOptions options;
        @Option(names = "--users", required = true) int users;
        @Option(names = "--login-rate", defaultValue = "500") double rate;
        @Option(names = "--hold-seconds", defaultValue = "10") int hold;
        @Option(names = "--settle-seconds", defaultValue = "3") int settle;

        @Override
        public Integer call() throws Exception {
            try (ClientPool pool = options.pool()) {
                Json result = new ConnectScenario(users, rate, hold, settle).run(pool, options.server());
                report(options, result);
                return 0;
            }
        }
    }

    @Command(name = "chat", description = "One-to-one messages at an offered rate: latency, loss, CPU per 1000.")
    static final class Chat implements Callable<Integer> {
        @Mixin TargetOptions options;
        @Mixin Rates rates;
        @Option(names = "--users", required = true) int users;
        @Option(names = "--login-rate", defaultValue = "500") double loginRate;

        @Override
        public Integer call() throws Exception {
            try (ClientPool pool = options.pool()) {
                return finish(options, new ChatScenario(users, loginRate, rates.steps()).run(pool, options.server()));
            }
        }
    }

    @Command(name = "muc", description = "M rooms of K occupants: groupchat deliveries per second and latency.")
    static final class Muc implements Callable<Integer> {
        @Mixin TargetOptions options;
        @Mixin Rates rates;
        @Option(names = "--rooms", defaultValue = "10") int rooms;
        @Option(names = "--occupants", defaultValue = "50") int occupants;
        @Option(names = "--service", description = "MUC service address (default conference.DOMAIN).") String service;
        @Option(names = "--login-rate", defaultValue = "500") double loginRate;

        @Override
        public Integer call() throws Exception {
            String muc = service != null ? service : "conference." + options.domain;
            try (ClientPool pool = options.pool()) {
                return finish(options, new MucScenario(rooms, occupants, muc, loginRate, rates.steps())
                        .run(pool, options.server()));
            }
        }
    }

    @Command(name = "component", description = "Messages to an external component's domain (XEP-0114), taken by a sink.")
    static final class Component implements Callable<Integer> {
        @Mixin TargetOptions options;
        @Mixin Rates rates;
        @Option(names = "--users", required = true) int users;
        @Option(names = "--login-rate", defaultValue = "500") double loginRate;
        @Option(names = "--component-port", defaultValue = "5347") int port;
        @Option(names = "--component-domain", description = "The component's domain (default sink.DOMAIN).")
        String domain;
        @Option(names = "--component-secret", required = true) String secret;

        @Override
        public Integer call() throws Exception {
            String sink = domain != null ? domain : "sink." + options.domain;
            try (ClientPool pool = options.pool()) {
                return finish(options, new ComponentScenario(users, loginRate, port, sink, secret, rates.steps())
                        .run(pool, options.server()));
            }
        }
    }

    @Command(name = "federation",
            description = "One-to-one messages from users of one server to users of a second one federated with it.")
    static final class Federation implements Callable<Integer> {
        @Mixin TargetOptions options;
        @Mixin Rates rates;
        @Option(names = "--users", required = true, description = "Users online on each server.") int users;
        @Option(names = "--login-rate", defaultValue = "500") double loginRate;
        @Option(names = "--peer-port", required = true, description = "The second server's client port.") int peerPort;
        @Option(names = "--peer-domain", required = true, description = "The second server's domain.") String peerDomain;
        @Option(names = "--peer-pid", description = "Process id of the second server, for CPU figures.") Long peerPid;

        @Override
        public Integer call() throws Exception {
            Target target = options.target();
            Target peer = new Target(target.host(), peerPort, peerDomain, target.password(), target.startTls(),
                    target.mechanism(), target.sourceAddresses(), target.streamManagement());
            ServerProcess servers = options.server();
            if (servers != null && peerPid != null) {
                servers = servers.with(new ServerProcess(peerPid));
            }
            try (ClientPool senders = options.pool(); ClientPool recipients = new ClientPool(peer, options.threads)) {
                return finish(options, new FederationScenario(users, loginRate, rates.steps())
                        .run(senders, recipients, servers));
            }
        }
    }

    @Command(name = "upload", description = "N users upload S bytes each at once (XEP-0363 HTTP File Upload): MB/s.")
    static final class Upload implements Callable<Integer> {
        @Mixin TargetOptions options;
        @Option(names = "--users", defaultValue = "100", description = "Parallel uploads, one per user.") int users;
        @Option(names = "--bytes", defaultValue = "1000000", description = "Size of each file.") int bytes;
        @Option(names = "--service", description = "Upload service address (default upload.DOMAIN).") String service;
        @Option(names = "--http-base", defaultValue = "http://127.0.0.1:5280",
                description = "Where the PUTs go (scheme, host, port), with the slots' paths.") String httpBase;
        @Option(names = "--login-rate", defaultValue = "500") double loginRate;
        @Option(names = "--timeout-seconds", defaultValue = "120") int timeout;

        @Override
        public Integer call() throws Exception {
            String upload = service != null ? service : "upload." + options.domain;
            try (ClientPool pool = options.pool()) {
                report(options, new UploadScenario(users, bytes, upload, httpBase, loginRate, timeout)
                        .run(pool, options.server()));
                return 0;
            }
        }
    }

    @Command(name = "pep", description = "One user publishing over PEP to C contacts online: notifications per second.")
    static final class Pep implements Callable<Integer> {
        @Mixin TargetOptions options;
        @Mixin Rates rates;
        @Option(names = "--contacts", defaultValue = "100") int contacts;
        @Option(names = "--login-rate", defaultValue = "500") double loginRate;
        @Option(names = "--subscribe",
                description = "First create the mutual subscriptions in band (else they must be provisioned).")
        boolean subscribe;

        @Override
        public Integer call() throws Exception {
            try (ClientPool pool = options.pool()) {
                PepScenario scenario = new PepScenario(contacts, loginRate, rates.steps());
                if (subscribe) {
                    new RosterScenario(scenario.ring(), loginRate, 120).subscribeAll(pool);
                }
                return finish(options, scenario.run(pool, options.server()));
            }
        }
    }

    @Command(name = "roster", description = "Users with C-contact rosters log in together: time to full presence.")
    static final class Roster implements Callable<Integer> {
        @Mixin TargetOptions options;
        @Option(names = "--users", required = true) int users;
        @Option(names = "--contacts", defaultValue = "100") int contacts;
        @Option(names = "--login-rate", defaultValue = "500") double loginRate;
        @Option(names = "--subscribe",
                description = "First create the mutual subscriptions in band (else they must be provisioned).")
        boolean subscribe;
        @Option(names = "--timeout-seconds", defaultValue = "120") int timeout;

        @Override
        public Integer call() throws Exception {
            try (ClientPool pool = options.pool()) {
                RosterScenario scenario = new RosterScenario(new ContactRing(users, contacts), loginRate, timeout);
                Json result = Json.object();
                if (subscribe) {
                    result.put("subscriptions", scenario.subscribeAll(pool));
                }
                result.put("login", scenario.run(pool, options.server()));
                report(options, result);
                return 0;
            }
        }
    }

    @Command(name = "register", description = "Provision user1..userN by in-band registration (XEP-0077).")
    static final class Register implements Callable<Integer> {
        @Mixin TargetOptions options;
        @Option(names = "--users", required = true) int users;
        @Option(names = "--rate", defaultValue = "200") double rate;

        @Override
        public Integer call() throws Exception {
            try (ClientPool pool = options.pool()) {
                Json result = Registration.run(pool, users, rate);
                report(options, result);
                return ((Number) result.get("failed")).intValue() == 0 ? 0 : 1;
            }
        }
    }

    /** The roster scenario's ring, for the provisioning commands. */
    static final class RingOptions {
        @Option(names = "--users", required = true) int users;
        @Option(names = "--contacts", defaultValue = "0",
                description = "Contacts per user (the roster scenario's ring); 0 empties the rosters.")
        int contacts;

        ContactRing ring() {
            return new ContactRing(users, contacts);
        }
    }

    @Command(name = "provision-parley", description = "Create user1..userN and their rosters in a STOPPED "
            + "Parley's store (fast path; no server needed).")
    static final class ProvisionParley implements Callable<Integer> {
        @Option(names = "--config", description = "Parley configuration file.") Path config;
        @Option(names = "--data", description = "Data directory (overrides the file's).") Path data;
        @Mixin RingOptions ring;
        @Option(names = "--password", defaultValue = "bench-secret") String password;

        @Override
        public Integer call() {
            ParleyConfig c = config == null ? ParleyConfig.defaults() : ParleyConfig.load(config);
            if (data != null) {
                c = c.withDataDir(data);
            }
            long start = System.nanoTime();
            int created = ParleyProvisioner.provision(c, ring.ring(), password);
            System.out.printf("provisioned %d accounts (%d new) with %d contacts each in %.1f s%n", ring.users,
                    created, ring.contacts, (System.nanoTime() - start) / 1e9);
            return 0;
        }
    }

    @Command(name = "prosody-rosters", description = "Write user1..userN's rosters as Prosody roster files "
            + "(a STOPPED Prosody's data directory, or a directory for ejabberdctl import_prosody).")
    static final class ProsodyRosterFiles implements Callable<Integer> {
        @Option(names = "--data", required = true, description = "Prosody data directory.") Path data;
        @Option(names = "--domain", defaultValue = "localhost") String domain;
        @Mixin RingOptions ring;

        @Override
        public Integer call() throws IOException {
            long start = System.nanoTime();
            Path dir = ProsodyRosters.write(data, domain, ring.ring());
            System.out.printf("wrote %d rosters of %d contacts to %s in %.1f s%n", ring.users, ring.contacts, dir,
                    (System.nanoTime() - start) / 1e9);
            return 0;
        }
    }

    @Command(name = "archive-writes", description = "Message archive writes/s into a fresh store: one transaction "
            + "per message against group commit (no server needed).")
    static final class ArchiveWriteRates implements Callable<Integer> {
        @Option(names = "--config", description = "Parley configuration file (its store: H2 or PostgreSQL).") Path config;
        @Option(names = "--data", description = "Data directory (default: a fresh temporary one).") Path data;
        @Option(names = "--messages", defaultValue = "20000") int messages;
        @Option(names = "--writers", defaultValue = "32", description = "Concurrent writers (senders' threads).")
        int writers;

        @Override
        public Integer call() throws Exception {
            ParleyConfig c = config == null ? ParleyConfig.defaults() : ParleyConfig.load(config);
            c = c.withDataDir(data != null ? data : Files.createTempDirectory("parley-archive-bench"));
            try (Database database = Database.open(c.store(), c.dataDir())) {
                ArchiveStore archive = new JdbcArchiveStore(database.jdbc(), "bench-" + Instant.now().toEpochMilli());
                Json result = ArchiveWrites.run(archive, messages, writers)
                        .put("store", c.store().embedded() ? "h2 (embedded)" : c.store().jdbcUrl());
                System.out.println(result);
            }
            return 0;
        }
    }

    @Command(name = "crash", description = "Durability under kill -9: acknowledged messages to offline and detached "
            + "recipients, counted after a restart (Parley as a separate process).")
    static final class Crash implements Callable<Integer> {
        @Option(names = "--messages", defaultValue = "100000", description = "Messages to send at most.") int messages;
        @Option(names = "--kill-after", description = "Acknowledged messages before the kill (default: half).")
        Integer killAfter;
        @Option(names = "--senders", defaultValue = "4") int senders;
        @Option(names = "--offline-recipients", defaultValue = "4") int offline;
        @Option(names = "--detached-recipients", defaultValue = "4") int detached;
        @Option(names = "--delivery-timeout-seconds", defaultValue = "300") int timeout;
        @Option(names = "--no-journal", description = "Switch the delivery journal off (to see what it is for).")
        boolean noJournal;
        @Option(names = "--server-jar", description = "Parley's jar, run with this JVM (default: server/target/parley.jar"
                + " of this checkout; bin/parley would rebuild it mid-run if a source changed).")
        Path jar;
        @Option(names = "--dir", description = "Working directory: config, data, logs (default: a fresh temporary one).")
        Path dir;
        @Option(names = "--out", description = "Write the JSON result to this file.") Path out;

        @Override
        public Integer call() throws Exception {
            Path parley = jar != null ? jar
                    : Path.of(System.getProperty("parley.root", "."), "server", "target", "parley.jar");
            String jvm = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path work = dir != null ? dir : Files.createTempDirectory("parley-crash");
            CrashScenario.Settings settings = new CrashScenario.Settings(messages, senders, offline, detached,
                    killAfter != null ? killAfter : messages / 2, java.time.Duration.ofSeconds(timeout), !noJournal);
            Json result = new CrashScenario(settings, List.of(jvm, "-jar", parley.toString()), work).run()
                    .put("date", Instant.now().toString()).put("dir", work.toString());
            System.out.println(result);
            if (out != null) {
                Files.writeString(out, result + "\n");
            }
            boolean intact = result.get("lost").equals(0L) && result.get("duplicated").equals(0L);
            return intact ? 0 : EXIT_LOSS;
        }
    }

    @Command(name = "micro", description = "Run the JMH microbenchmarks (arguments go to JMH).")
    static final class Micro implements Callable<Integer> {
        /** Everything after {@code micro}, options included, is JMH's. */
        @CommandLine.Unmatched List<String> jmhArgs = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            org.openjdk.jmh.Main.main(jmhArgs.toArray(String[]::new));
            return 0;
        }
    }
}
