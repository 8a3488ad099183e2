package im.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.parley.testkit.RecordingClient;
import im.parley.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley archive export|verify}: messages of real clients exported and verified, and bad input refused. */
class ArchiveCommandTest {
    private static final int MESSAGES = 20;

    @TempDir
    Path dir;

    @Test
    void messagesBetweenRealClientsExportAndVerifyAndAChangedByteIsFoundAtItsLine() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.addUser("alice", "pw");
            server.addUser("bob", "pw");
            try (RecordingClient alice = server.login("alice", "pw", "phone");
                    RecordingClient bob = server.login("bob", "pw", "laptop")) {
                for (int i = 0; i < MESSAGES; i++) {
                    alice.send(alice.chat(bob, "hello " + i));
                }
                bob.awaitReceived(Message.class, MESSAGES);
            }
            // Archived after delivery by the group-commit writer: in alice's archive and in bob's.
            await().atMost(Duration.ofSeconds(10)).until(() -> archived(server) == 2 * MESSAGES);

            // An embedded store is shared within one process: the export runs beside this server.
            Path config = config(server.dataDir());
            Path out = dir.resolve("export.jsonl");
            CliRun export = CliRun.of("archive", "export", "--all", "--out", out.toString(), "--config", config.toString());
            assertThat(export.code()).as(export.err()).isZero();
            assertThat(export.out()).startsWith("Exported " + 2 * MESSAGES + " messages to ").contains("Last hash: ");

            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            List<String> bodies = IntStream.range(0, MESSAGES).mapToObj(i -> "\"body\":\"hello " + i + "\"").toList();
            // Owners in order (alice, then bob), each archive in the order the messages were sent.
            for (int i = 0; i < 2 * MESSAGES; i++) {
                assertThat(lines.get(i)).contains(bodies.get(i % MESSAGES))
                        .contains("\"owner\":\"" + (i < MESSAGES ? "alice" : "bob") + "@localhost\"");
            }

            String head = export.out().substring(export.out().indexOf("Last hash: ") + 11);
            CliRun verify = CliRun.of("archive", "verify", out.toString());
            assertThat(verify).isEqualTo(new CliRun(0, 2 * MESSAGES + " messages, last hash " + head + "\nOK", ""));
            assertThat(CliRun.of("archive", "verify", "--expect-head", head, "--expect-lines",
                    Integer.toString(2 * MESSAGES), out.toString()).code()).isZero();

            // The last line dropped: the chain itself is intact, only the recorded head and count show it.
            Path shortened = dir.resolve("shortened.jsonl");
            Files.write(shortened, lines.subList(0, 2 * MESSAGES - 1), StandardCharsets.UTF_8);
            assertThat(CliRun.of("archive", "verify", shortened.toString()).code()).isZero();
            CliRun headless = CliRun.of("archive", "verify", "--expect-head", head, shortened.toString());
            assertThat(headless.code()).isEqualTo(1);
            assertThat(headless.out()).contains("NOT the export recorded");
            CliRun shorter = CliRun.of("archive", "verify", "--expect-lines", Integer.toString(2 * MESSAGES),
                    shortened.toString());
            assertThat(shorter.code()).isEqualTo(1);
            assertThat(shorter.out()).contains("it had " + 2 * MESSAGES + " messages");

            // One byte of bob's copy (the second one): 'o' becomes 'O'.
            String text = Files.readString(out);
            int at = text.lastIndexOf("hello 7\",") + 4;
            Files.writeString(out, text.substring(0, at) + "O" + text.substring(at + 1));
            CliRun altered = CliRun.of("archive", "verify", out.toString());
            assertThat(altered.code()).isEqualTo(1);
            assertThat(altered.out()).contains("line " + (MESSAGES + 8) + ": hash mismatch")
                    .contains(MESSAGES + 7 + " lines before it are intact");
        }
    }

    @Test
    void badOptionsAreRefusedWithAMessageThatSaysWhy() throws Exception {
        String config = config(dir.resolve("data")).toString();
        String out = dir.resolve("out.jsonl").toString();
        assertThat(CliRun.of("archive", "export", "--out", out, "--config", config))
                .satisfies(run -> assertThat(run.code()).isEqualTo(2))
                .satisfies(run -> assertThat(run.err()).contains("Missing required argument").contains("--user"));
        assertThat(CliRun.of("archive", "export", "--all", "--host", "localhost", "--out", out).err())
                .contains("mutually exclusive");
        assertThat(CliRun.of("archive", "export", "--all", "--from", "yesterday", "--out", out).err())
                .contains("'yesterday' is not an ISO-8601 instant");
        assertThat(CliRun.of("archive", "export", "--all").err()).contains("Missing required option: '--out=FILE'");
        assertThat(CliRun.of("archive", "export", "--all", "--from", "2026-02-01T00:00:00Z", "--to",
                "2026-01-01T00:00:00Z", "--out", out, "--config", config))
                .isEqualTo(new CliRun(1, "", "parley: --from 2026-02-01T00:00:00Z is after --to 2026-01-01T00:00:00Z"));
        assertThat(CliRun.of("archive", "export", "--host", "elsewhere.example", "--out", out, "--config", config).err())
                .contains("elsewhere.example is not a hosted domain");
        assertThat(Files.exists(Path.of(out))).isFalse();

        assertThat(CliRun.of("archive", "verify", dir.resolve("missing").toString()))
                .isEqualTo(new CliRun(1, "", "parley: cannot read " + dir.resolve("missing")));
        Path notJson = Files.writeString(dir.resolve("not.jsonl"), "hello\n");
        CliRun verify = CliRun.of("archive", "verify", notJson.toString());
        assertThat(verify.code()).isEqualTo(1);
        assertThat(verify.out()).startsWith(notJson + ": line 1: not JSON");
    }

    private Path config(Path dataDir) throws Exception {
        return Files.writeString(dir.resolve("parley.yml"), "domain: localhost\ndata-dir: '" + dataDir + "'\n");
    }

    private static long archived(TestServer server) throws Exception {
        try (Connection c = server.storeConnection();
                ResultSet count = c.createStatement().executeQuery("SELECT COUNT(*) FROM archive_entry")) {
            count.next();
            return count.getLong(1);
        }
    }
}
