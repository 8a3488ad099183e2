package im.parley.modules.mam.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Python verifier, for auditors without Parley, run as it is printed there: it accepts
 * an export and refuses each kind of tampering {@link ExportVerifier} refuses.
 */
class ReadmeVerifierTest {
    private static final Path README = Path.of("..", "README.md");
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @Test
    void anIntactExportPassesWithItsLastHash() throws Exception {
        HashChain chain = new HashChain();
        List<String> lines = export(chain, 5);
        Result result = run(lines, "\n");
        assertThat(result.code()).as(result.output()).isZero();
        assertThat(result.output()).isEqualTo("5 messages, last hash " + chain.head() + "\n");
    }

    @Test
    void everyKindOfTamperingIsRefused() throws Exception {
        List<String> lines = export(new HashChain(), 5);

        List<String> altered = new ArrayList<>(lines);
        altered.set(2, altered.get(2).replace("hello 2", "hellO 2"));
        assertThat(run(altered, "\n").output()).contains("line 3: hash mismatch");

        List<String> removed = new ArrayList<>(lines);
        removed.remove(1);
        assertThat(run(removed, "\n").output()).contains("line 2: chain broken");

        List<String> appended = new ArrayList<>(lines);
        // A member after "hash" is outside what was hashed, and JSON readers keep the last of two names.
        appended.set(3, appended.get(3).substring(0, appended.get(3).length() - 1) + ",\"body\":\"evil\"}");
        assertThat(run(appended, "\n").output()).contains("line 4: not an export line");

        List<String> repeated = new ArrayList<>(lines);
        repeated.set(0, new HashChain().seal(open(0).replace(",\"body\":", ",\"body\":\"evil\",\"body\":")));
        assertThat(run(repeated, "\n").output()).contains("a member is repeated");

        assertThat(run(lines, "").output()).contains("the last line is not ended");
    }

    private static List<String> export(HashChain chain, int messages) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            lines.add(chain.seal(open(i).replace(HashChain.GENESIS, chain.head())));
        }
        return lines;
    }

    /** A line up to its closing brace, chained to the genesis value. */
    private static String open(int i) {
        return "{\"prev\":\"" + HashChain.GENESIS + "\",\"owner\":\"bob@localhost\",\"from\":\"alice@localhost/a\","
                + "\"to\":\"bob@localhost\",\"time\":\"2026-12-06T10:00:0" + i + "Z\",\"stanza-id\":\"id" + i
                + "\",\"body\":\"hello " + i + "\",\"stanza\":\"<message/>\"";
    }

    private record Result(int code, String output) {
    }

    private Result run(List<String> lines, String lastEnd) throws IOException, InterruptedException {
        Path file = dir.resolve("export.jsonl");
        Files.writeString(file, String.join("\n", lines) + lastEnd, StandardCharsets.UTF_8);
        Process python = new ProcessBuilder(PYTHON, "-c", readmeVerifier(), file.toString())
                .redirectErrorStream(true).start();
        assertThat(python.waitFor(30, TimeUnit.SECONDS)).as("the verifier ended").isTrue();
        return new Result(python.exitValue(), new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** The one Python block of the README. */
    private static String readmeVerifier() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf("```python\n") + "```python\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }
}
