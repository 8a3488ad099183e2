package im.parley.it.sint;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.ConnectionConfiguration;

/**
 * The XMPP service the suite runs against: the address its client port listens on, its XMPP
 * domain, and the trust that its (usually self-signed) certificate is checked with.
 *
 * <p>Trust is given to each connection as a custom trust manager instead of the JVM-wide
 * {@code javax.net.ssl.trustStore}, so that a run never changes what the rest of the test JVM
 * trusts; SINT's own {@code serviceTlsPin} is not used because it does not take effect in
 * 4.5.0-beta5.
 */
public record SintTarget(String host, int port, String domain, X509TrustManager trustManager) {

    public SintTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(trustManager, "trustManager");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** A target whose TLS certificate chain must end in one of {@code anchors}. */
    public static SintTarget trusting(String host, int port, String domain,
                                      Collection<X509Certificate> anchors) {
        return new SintTarget(host, port, domain, trustManagerFor(anchors));
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

    private static X509TrustManager trustManagerFor(Collection<X509Certificate> anchors) {
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("at least one trusted certificate is needed");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate anchor : anchors) {
                store.setCertificateEntry("anchor-" + i++, anchor);
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
}
