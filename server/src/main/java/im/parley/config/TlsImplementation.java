package im.parley.config;

/** Which TLS implementation protects client connections ({@code tls.implementation}). */
public enum TlsImplementation {
    /** OpenSSL where its native library loads on this platform, the JDK's elsewhere. */
    AUTO,
    /** OpenSSL (BoringSSL through netty-tcnative); start-up fails where it cannot load. */
    OPENSSL,
    /** The JDK's: the one that can offer the tls-exporter channel binding (JDK 25 and later). */
    JDK
}
