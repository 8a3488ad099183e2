package im.parley.store;

import im.parley.testkit.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for the storage tests: Debian's {@code postgresql} binaries (what
 * {@code .ci/run} installs), a data directory of its own in a temporary directory, TCP on a free
 * loopback port only, durability switched off (a test database need not survive a crash). PostgreSQL
 * refuses to run as root, so as root (CI) it runs as {@code nobody}, which then owns the directory.
 */
final class TestPostgres implements AutoCloseable {
    private static final String SUPERUSER = "parley";
    private static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");

    private final Path bin;
    private final Path dir;
    private final int port;
    private int databases;

    private TestPostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** Creates a cluster in a new temporary directory and starts it; throws saying what to install if it cannot. */
    static TestPostgres start() throws IOException, InterruptedException {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException(
                "PostgreSQL's binaries were not found in " + DEBIAN_BINARIES + "/*/bin or on the PATH:"
                        + " install them (Debian: apt-get install postgresql) to run the storage tests"));
        Path dir = Files.createTempDirectory("parley-pg");
        if (isRoot()) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, users.lookupPrincipalByName("nobody"));
        }
        TestPostgres postgres = new TestPostgres(bin, dir, FreePorts.next());
        try {
            postgres.run("initdb", "-D", postgres.data(), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8",
                    "--no-locale", "--no-sync");
            postgres.run("pg_ctl", "-D", postgres.data(), "-l", dir.resolve("server.log").toString(), "-w",
                    "-o", "-p " + postgres.port + " -c listen_addresses=127.0.0.1 -k " + dir
                            + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                    "start");
        } catch (IOException | RuntimeException e) {
            postgres.deleteDirectory();
            throw e;
        }
        return postgres;
    }

    /** The JDBC URL of a new, empty database of this server. */
    synchronized String createDatabase() {
        String name = "test_" + ++databases;
        try (Connection c = DriverManager.getConnection(url("postgres"), SUPERUSER, "");
                Statement statement = c.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
        }
        return url(name);
    }

    String user() {
        return SUPERUSER;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run("pg_ctl", "-D", data(), "-m", "immediate", "-w", "stop");
        } finally {
            deleteDirectory();
        }
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    /** Runs one of PostgreSQL's programs to its end; its output goes to a file, shown only if it fails. */
    private void run(String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("parley-pg-" + program, ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(program + " did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(program + " failed (exit " + process.exitValue() + "): "
                        + Files.readString(output));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Optional<Path> binaries() {
        if (Files.isDirectory(DEBIAN_BINARIES)) {
            try (Stream<Path> versions = Files.list(DEBIAN_BINARIES)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing((Path b) -> b.getParent().getFileName().toString(),
                                Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder())));
                if (newest.isPresent()) {
                    return newest;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(Path::of).filter(p -> Files.isExecutable(p.resolve("initdb"))).findFirst();
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void deleteDirectory() throws IOException {
        TestDatabases.deleteTree(dir);
    }
}
