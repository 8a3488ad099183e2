package im.parley.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code tls:} section: where the server's certificate comes from (PEM files, or, when both
 * are absent, a self-signed certificate generated in the data directory; relative paths are
 * resolved against the working directory) and which TLS implementation uses it.
 */
public record TlsConfig(Optional<Path> certificate, Optional<Path> key, TlsImplementation implementation) {

    public boolean selfSigned() {
        return certificate.isEmpty();
    }

    static TlsConfig read(ConfigSection s) {
        TlsConfig tls = new TlsConfig(
                s.parsed("certificate", Optional.empty(), "a PEM file path", TlsConfig::optionalPath),
                s.parsed("key", Optional.empty(), "a PEM file path", TlsConfig::optionalPath),
                s.choice("implementation", TlsImplementation.AUTO));
        if (tls.certificate.isPresent() != tls.key.isPresent()) {
            throw s.error("tls.certificate and tls.key must be given together (or both left empty)");
        }
        return tls;
    }

    private static Optional<Path> optionalPath(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(Path.of(value));
    }
}
