package im.parley.it.sint;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.ConnectionConfiguration;

/**
 * The XMPP service the suite runs against: the address its client port listens on, its XMPP
 * domain, the trust that its (usually self-signed) certificate is checked with, and optionally
 * its XMPP-over-WebSocket endpoint (RFC 7395), a {@code wss://} URI, or null.
 *
 * <p>Trust is given to each TCP connection as a custom trust manager instead of the JVM-wide
 * {@code javax.net.ssl.trustStore}, so that a run never changes what the rest of the test JVM
 * trusts; SINT's own {@code serviceTlsPin} is not used because it does not take effect in
 * 4.5.0-beta5. Smack's WebSocket connections take no trust manager (see {@link #trustForWebSocket}).
 */
public record SintTarget(String host, int port, String domain, X509TrustManager trustManager, URI webSocket) {

    public SintTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(trustManager, "trustManager");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        // The suite requires TLS on every connection, so a WebSocket endpoint in the clear would fail every test.
        if (webSocket != null && !"wss".equals(webSocket.getScheme())) {
            throw new IllegalArgumentException("the suite needs a wss:// WebSocket endpoint: " + webSocket);
        }
    }

    /** A target whose TLS certificate chain must end in one of {@code anchors}. */
    public static SintTarget trusting(String host, int port, String domain,
                                      Collection<X509Certificate> anchors) {
        return new SintTarget(host, port, domain, trustManagerFor(anchors), null);
    }

    /** The same target, also reachable over XMPP over WebSocket at {@code endpoint}. */
    public SintTarget withWebSocket(URI endpoint) {
        return new SintTarget(host, port, domain, trustManager, Objects.requireNonNull(endpoint, "endpoint"));
    }

    /**
     * Makes this JVM's default TLS context trust the target as well as what the JDK trusts. Smack's
     * Java 11 WebSocket connections share one HTTP client built from the default context when
     * their class is first used, so this must run before any of them is made.
     */
    void trustForWebSocket() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TargetOrJdkTrust(trustManager, trustManagerFor(null))}, null);
            SSLContext.setDefault(context);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context trusting the target", e);
        }
    }

    /** Reads every certificate of a PEM (or DER) file, such as a server's self-signed certificate. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in).stream()
                    .map(X509Certificate.class::cast)
                    .toList();
            if (certificates.isEmpty()) {
                throw new IOException("no certificate in " + file);
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new IOException("unreadable certificate in " + file, e);
        }
    }

    /** Points a Smack connection configuration of any connection kind at this target. */
    void applyTo(ConnectionConfiguration.Builder<?, ?> builder) {
        try {
            // An address, not a host name: Smack then connects directly instead of looking up SRV records.
            builder.setHostAddress(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("cannot resolve SINT host " + host, e);
        }
        builder.setPort(port);
        builder.setCustomX509TrustManager(trustManager);
    }

    /** A trust manager for {@code anchors}, or for the JDK's own trust store when that is null. */
    private static X509TrustManager trustManagerFor(Collection<X509Certificate> anchors) {
        if (anchors != null && anchors.isEmpty()) {
            throw new IllegalArgumentException("at least one trusted certificate is needed");
        }
        try {
            KeyStore store = null;
            if (anchors != null) {
                store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (X509Certificate anchor : anchors) {
                    store.setCertificateEntry("anchor-" + i++, anchor);
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JDK offers no X509TrustManager");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store in memory", e);
        }
    }

    /**
     * Trusts a server that either the target's anchors or the JDK's trust store accept. A plain
     * (not extended) trust manager, so that the JDK wraps it and still checks the host name of a
     * wss:// endpoint against the certificate itself.
     */
    private record TargetOrJdkTrust(X509TrustManager target, X509TrustManager jdk) implements X509TrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                target.checkServerTrusted(chain, authType);
            } catch (CertificateException notTheTarget) {
                jdk.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a test client trusts no client");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return jdk.getAcceptedIssuers();
        }
    }
}
