package im.parley.modules.mam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.config.ConfigException;
import im.parley.config.ParleyConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchiveConfigTest {
    @Test
    void defaultsAndOptionsAreRead() {
        assertThat(read("archive: {}\n"))
                .isEqualTo(new ArchiveConfig(Preferences.Default.ALWAYS, 50, 250, null));
        assertThat(read("archive:\n  default: roster\n  default-page-size: 20\n  max-page-size: 100\n"))
                .isEqualTo(new ArchiveConfig(Preferences.Default.ROSTER, 20, 100, null));
        assertThat(read("archive:\n  max-page-size: 10\n")).isEqualTo(new ArchiveConfig(Preferences.Default.ALWAYS, 10, 10, null));
        assertThat(read("archive:\n  retention-days: 30\n").retention()).isEqualTo(Duration.ofDays(30));
        assertThat(read("archive:\n  retention-days: forever\n").retention()).isNull();
    }

    @Test
    void badValuesAreNamed() {
        for (String days : List.of("0", "-1", "36501", "soon")) {
            assertThatThrownBy(() -> read("archive:\n  retention-days: " + days + "\n"))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("archive.retention-days");
        }
        assertThatThrownBy(() -> read("archive:\n  default: sometimes\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("archive.default");
        assertThatThrownBy(() -> read("archive:\n  default-page-size: 300\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("archive.default-page-size");
    }

    private static ArchiveConfig read(String yaml) {
        return ParleyConfig.parse(yaml, "parley.yml").modules().read("archive", ArchiveConfig::read);
    }
}
