package im.parley.cli;

import im.parley.config.ParleyConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command takes: which configuration file and which data directory. */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration file (default: parley.yml in the working directory, if present)")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: data-dir from the configuration, ./data)")
    Path data;

    ParleyConfig load() {
        Path file = config;
        if (file == null && Files.exists(Path.of("parley.yml"))) {
            file = Path.of("parley.yml");
        }
        ParleyConfig loaded = file == null ? ParleyConfig.defaults() : ParleyConfig.load(file);
        return data == null ? loaded : loaded.withDataDir(data);
    }
}
