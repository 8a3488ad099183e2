package im.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley user ...} on a server with two virtual hosts: every host's accounts can be managed. */
class UserCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out) {
    }

    private Run parley(String... args) throws Exception {
        Path config = dir.resolve("parley.yml");
        if (!Files.exists(config)) {
            Files.writeString(config, "hosts: [one.example, two.example]\ndata-dir: " + dir.resolve("data") + "\n");
        }
        String[] withConfig = new String[args.length + 2];
        System.arraycopy(args, 0, withConfig, 0, args.length);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = config.toString();
        CliRun run = CliRun.of(withConfig);
        return new Run(run.code(), run.out());
    }

    @Test
    void aNameWithAHostNamesAnAccountOfThatHostAndAPlainNameOneOfTheFirst() throws Exception {
        assertThat(parley("user", "add", "alice", "pw one")).isEqualTo(new Run(0, "Created alice@one.example"));
        assertThat(parley("user", "add", "alice@Two.Example", "pw two"))
                .isEqualTo(new Run(0, "Created alice@two.example"));
        assertThat(parley("user", "add", "bob@two.example", "pw")).isEqualTo(new Run(0, "Created bob@two.example"));

        assertThat(parley("user", "list")).isEqualTo(new Run(0, "alice"));
        assertThat(parley("user", "list", "two.example").out().lines()).containsExactlyInAnyOrder("alice", "bob");

        assertThat(parley("user", "delete", "alice@two.example")).isEqualTo(new Run(0, "Deleted alice@two.example"));
        assertThat(parley("user", "list", "two.example")).isEqualTo(new Run(0, "bob"));
        assertThat(parley("user", "list")).isEqualTo(new Run(0, "alice"));
    }

    @Test
    void aDomainThatIsNotHostedIsRefused() throws Exception {
        assertThat(parley("user", "add", "carol@elsewhere.example", "pw").code()).isEqualTo(1);
        assertThat(parley("user", "list", "elsewhere.example").code()).isEqualTo(1);
    }
}
