package im.parley.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * One {@code parley ...} command run in this JVM: its exit code and what it printed on standard
 * output and standard error (the commands print with System.out and System.err, as a shell user
 * sees it; picocli's usage errors go to the error stream too).
 */
record CliRun(int code, String out, String err) {
    static CliRun of(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        try {
            CommandLine cli = new CommandLine(new Main());
            cli.setErr(new PrintWriter(System.err, true));
            int code = cli.execute(args);
            return new CliRun(code, printed.toString(StandardCharsets.UTF_8).trim(),
                    errors.toString(StandardCharsets.UTF_8).trim());
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }
}
