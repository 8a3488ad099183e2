package im.parley.it.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs a real client's scenario script (a program outside the JVM) and turns each scenario it
 * reports into a test. Scripts print one line per scenario, {@code SCENARIO <name> PASS|FAIL <detail>};
 * a scenario the test expects but the script never reports fails with the script's whole output.
 */
public final class ClientScenarios {
    private static final Pattern LINE = Pattern.compile("^SCENARIO (\\S+) (PASS|FAIL) ?(.*)$", Pattern.MULTILINE);
    private static final long TIMEOUT_SECONDS = 60;
    /** Debian's python modules import only in Debian's own interpreter, not a pyenv one first on PATH. */
    static final String PYTHON = "/usr/bin/python3";

    private final String output;
    private final Map<String, Outcome> reported = new LinkedHashMap<>();

    private record Outcome(boolean passed, String detail) {
    }

    private ClientScenarios(String output) {
        this.output = output;
        Matcher line = LINE.matcher(output);
        while (line.find()) {
            reported.put(line.group(1), new Outcome(line.group(2).equals("PASS"), line.group(3)));
        }
    }

    /**
     * A client that is not installed fails the test on CI ({@code CI=true}, where {@code .ci/run}
     * installs every client) and skips it elsewhere, saying what to install.
     */
    public static void requireInstalled(boolean installed, String client, String install) {
        if (installed) {
            return;
        }
        String message = client + " is not installed (" + install + "; .ci/run installs it)";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
    }

    /** {@link #requireInstalled} for a module of Debian's python3, from the Debian package named. */
    static void requirePythonModule(String module, String debianPackage) {
        requireInstalled(succeeds(PYTHON, "-c", "import " + module), module, "apt-get install " + debianPackage);
    }

    /** Whether {@code command} runs and exits with 0 within the timeout. */
    static boolean succeeds(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs the script to its end (or kills it at the timeout) and keeps what it printed: into a
     * file, so that a script killed still shows how far it got and a verbose one (DEBUG set in the
     * environment) cannot stall on a full pipe.
     */
    static ClientScenarios run(List<String> command) throws IOException, InterruptedException {
        Path printed = Files.createTempFile("client-scenarios", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(printed.toFile())
                    .start();
            boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            String output = Files.readString(printed, StandardCharsets.UTF_8);
            return new ClientScenarios(finished ? output : output + "\n(killed after " + TIMEOUT_SECONDS + " s)");
        } finally {
            Files.deleteIfExists(printed);
        }
    }

    /** One test per expected scenario, named {@code <scenario> <suffix>}; plus one for anything unexpected. */
    List<DynamicTest> tests(String suffix, List<String> expected) {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : expected) {
            tests.add(DynamicTest.dynamicTest(name + " " + suffix, () -> check(name)));
        }
        tests.add(DynamicTest.dynamicTest("no other scenario " + suffix,
                () -> assertThat(reported.keySet()).as(output).containsExactlyInAnyOrderElementsOf(expected)));
        return tests;
    }

    private void check(String name) {
        Outcome outcome = reported.get(name);
        if (outcome == null) {
            fail("scenario " + name + " was not reported; the client printed:\n" + output);
        }
        assertThat(outcome.passed()).as("%s: %s%nthe client printed:%n%s", name, outcome.detail(), output).isTrue();
    }

    /** The server's certificate as a PEM file, for clients that pin it as their only trust anchor. */
    static Path pemFile(X509Certificate certificate) throws IOException, CertificateEncodingException {
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        Path file = Files.createTempFile("parley-", ".pem");
        file.toFile().deleteOnExit();
        return Files.writeString(file, pem);
    }
}
