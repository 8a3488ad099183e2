package im.parley.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the server's certificate comes from ({@code tls:} section): PEM files, or, when both are
 * absent, a self-signed certificate generated in the data directory. Relative paths are resolved
 * against the working directory.
 */
public record TlsConfig(Optional<Path> certificate, Optional<Path> key) {

    public boolean selfSigned() {
        return certificate.isEmpty();
    }

    static TlsConfig read(ConfigSection s) {
        TlsConfig tls = new TlsConfig(
                s.parsed("certificate", Optional.empty(), "a PEM file path", TlsConfig::optionalPath),
                s.parsed("key", Optional.empty(), "a PEM file path", TlsConfig::optionalPath));
        if (tls.certificate.isPresent() != tls.key.isPresent()) {
            throw s.error("tls.certificate and tls.key must be given together (or both left empty)");
        }
        return tls;
    }

    private static Optional<Path> optionalPath(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(Path.of(value));
    }
}
