package im.parley.cli;

import im.parley.config.ParleyConfig;
import im.parley.modules.mam.MamFeature;
import im.parley.modules.mam.export.ArchiveExport;
import im.parley.modules.mam.export.ExportVerifier;
import im.parley.store.Database;
import im.parley.store.JdbcArchiveStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code parley archive ...}: the compliance export of the message archive and its verification
 * (README "Archive export"). The export opens the store, not the server: it reads the archive in
 * pages while a server on PostgreSQL goes on routing; an embedded H2 store is locked by a running
 * server, so it is exported while the server is stopped.
 */
@Command(name = "archive", description = "Export the message archive and verify an export.",
        subcommands = {ArchiveCommand.Export.class, ArchiveCommand.Verify.class})
final class ArchiveCommand {
    /** Messages read from the store per query. */
    private static final int PAGE_SIZE = 500;

    private ArchiveCommand() {
    }

    /** Exactly one of: one user's archive, a host's, or every archive. */
    static final class Whose {
        @Option(names = "--user", paramLabel = "NAME", description = "One account's archive: user or user@host")
        String user;
        @Option(names = "--host", paramLabel = "HOST", description = "The archives of a hosted domain's accounts")
        String host;
        @Option(names = "--all", description = "Every archive")
        boolean all;
    }

    @Command(name = "export", description = "Write archived messages as hash-chained JSON lines.")
    static final class Export implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @ArgGroup(exclusive = true, multiplicity = "1")
        Whose whose;
        @Option(names = "--from", paramLabel = "INSTANT", converter = InstantConverter.class,
                description = "Only messages archived at or after this instant (ISO-8601, e.g. 2026-01-01T00:00:00Z)")
        Instant from;
        @Option(names = "--to", paramLabel = "INSTANT", converter = InstantConverter.class,
                description = "Only messages archived at or before this instant (ISO-8601)")
        Instant to;
        @Option(names = "--out", paramLabel = "FILE", required = true, description = "The file to write")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (from != null && to != null && from.isAfter(to)) {
                System.err.println("parley: --from " + from + " is after --to " + to);
                return 1;
            }
            ParleyConfig config = options.load();
            ArchiveExport.Scope scope;
            try {
                scope = whose.all ? ArchiveExport.Scope.all()
                        : whose.user != null ? new ArchiveExport.Scope(UserCommand.account(whose.user, config), null)
                        : new ArchiveExport.Scope(null, UserCommand.hosted(whose.host, config));
            } catch (IllegalArgumentException e) {
                System.err.println("parley: " + e.getMessage());
                return 1;
            }
            Database database;
            try {
                database = Database.open(config.store(), config.dataDir());
            } catch (RuntimeException e) {
                System.err.println("parley: cannot open the store" + (config.store().embedded()
                        ? " (an embedded H2 store can only be exported while the server is stopped)" : "")
                        + ": " + e.getMessage());
                return 1;
            }
            try (database) {
                ArchiveExport.Summary summary;
                try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                    summary = new ArchiveExport(new JdbcArchiveStore(database.jdbc(), MamFeature.STORE), PAGE_SIZE)
                            .write(scope, from, to, writer);
                } catch (IOException | RuntimeException e) {
                    // A partial export would verify: it is removed rather than mistaken for a whole one.
                    Files.deleteIfExists(out);
                    throw e;
                }
                System.out.println("Exported " + summary.lines() + " messages to " + out);
                System.out.println("Last hash: " + summary.head());
                return 0;
            }
        }
    }

    @Command(name = "verify", description = "Check an export's hashes and chain; exit code 0 when intact, 1 otherwise.")
    static final class Verify implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        // The chain is not keyed: whoever rewrites a line can compute every hash after it again. What
        // proves the file is the one exported is its last hash (and count) recorded apart from it.
        @Option(names = "--expect-head", paramLabel = "HASH",
                description = "The last hash the export printed: anything else fails (a rewritten or shortened file)")
        String expectedHead;

        @Option(names = "--expect-lines", paramLabel = "N",
                description = "The number of messages the export printed: anything else fails")
        Long expectedLines;

        @Override
        public Integer call() throws IOException {
            if (!Files.isReadable(file)) {
                System.err.println("parley: cannot read " + file);
                return 1;
            }
            ExportVerifier.Result result;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                result = ExportVerifier.verify(in);
            }
            if (!result.ok()) {
                System.out.println(file + ": line " + result.brokenLine() + ": " + result.problem());
                System.out.println(result.lines() + " lines before it are intact");
                return 1;
            }
            System.out.println(result.lines() + " messages, last hash " + result.head());
            if (expectedHead != null && !expectedHead.equalsIgnoreCase(result.head())) {
                System.out.println("NOT the export recorded: its last hash was " + expectedHead
                        + " (lines removed at the end, or the file rewritten and its hashes computed again)");
                return 1;
            }
            if (expectedLines != null && expectedLines != result.lines()) {
                System.out.println("NOT the export recorded: it had " + expectedLines + " messages");
                return 1;
            }
            System.out.println("OK");
            return 0;
        }
    }

    /** ISO-8601 instants, with a message that says so. */
    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value
                        + "' is not an ISO-8601 instant in UTC, such as 2026-01-31T00:00:00Z");
            }
        }
    }
}
