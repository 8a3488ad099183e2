package im.parley.bench.provision;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.bench.scenario.ContactRing;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProsodyRostersTest {
    @TempDir
    Path data;

    @Test
    void writesEachUsersRingInProsodysLayout() throws Exception {
        ProsodyRosters.write(data, "bench.example", new ContactRing(5, 2));
        Path dir = data.resolve("bench%2eexample").resolve("roster");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("user1.dat", "user2.dat", "user3.dat", "user4.dat", "user5.dat");
        }
        // As Prosody 0.12 wrote it for the same roster built in band (items in any order).
        assertThat(Files.readString(dir.resolve("user1.dat"))).isEqualTo("""
                return {
                \t[false] = {
                \t\t["pending"] = {};
                \t\t["version"] = 1;
                \t};
                \t["user2@bench.example"] = {
                \t\t["groups"] = {};
                \t\t["subscription"] = "both";
                \t};
                \t["user5@bench.example"] = {
                \t\t["groups"] = {};
                \t\t["subscription"] = "both";
                \t};
                };
                """);
    }

    @Test
    void encodesFileNamesLikeProsodysDatamanager() {
        assertThat(ProsodyRosters.encode("user1")).isEqualTo("user1");
        assertThat(ProsodyRosters.encode("a.b-c_d")).isEqualTo("a%2eb%2dc%5fd");
        assertThat(ProsodyRosters.encode("é")).isEqualTo("%c3%a9");
    }
}
