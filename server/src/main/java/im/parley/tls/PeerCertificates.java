package im.parley.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Decides whether the certificate chain a peer server presented proves its domain (RFC 6125 as
 * XEP-0178 applies it to servers): a chain to a trusted CA (the JDK's trust store and the
 * configured ones) whose leaf names the domain, as a DNS name or as an XMPP address (RFC 6120
 * §13.7.1.4); or, for a domain the configuration lists, any certificate that names it (a
 * self-signed one, which nothing else vouches for).
 */
public final class PeerCertificates {
    private final Set<TrustAnchor> anchors = new HashSet<>();
    private final Set<String> selfSignedDomains;

    /**
     * @param caFiles PEM files of CA certificates trusted beside the JDK's
     * @param selfSignedDomains peer domains whose certificate is accepted without a CA
     */
    public PeerCertificates(List<Path> caFiles, Collection<String> selfSignedDomains) throws IOException {
        this.selfSignedDomains = Set.copyOf(selfSignedDomains);
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (var manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate issuer : x509.getAcceptedIssuers()) {
                        anchors.add(new TrustAnchor(issuer, null));
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK's trust store cannot be read", e);
        }
        for (Path file : caFiles) {
            for (X509Certificate ca : Pem.readCertificates(file)) {
                anchors.add(new TrustAnchor(ca, null));
            }
        }
    }

    /** Whether {@code chain} (leaf first; empty when the peer showed none) proves {@code domain}. */
    public boolean proves(List<X509Certificate> chain, String domain) {
        if (chain.isEmpty()) {
            return false;
        }
        try {
            X509Certificate leaf = chain.getFirst();
            if (!ServerCertificate.naming(leaf, domain) && !XmppAddresses.naming(leaf, domain)) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        return selfSignedDomains.contains(domain) || trusted(chain);
    }

    /** PKIX validation to one of the anchors, as of now; revocation is not checked (no OCSP or CRL fetching). */
    private boolean trusted(List<X509Certificate> chain) {
        List<X509Certificate> path = new ArrayList<>(chain);
        // A root the peer sent along is an anchor or nothing: the path ends below it.
        while (!path.isEmpty() && path.getLast().getSubjectX500Principal().equals(path.getLast().getIssuerX500Principal())) {
            path.removeLast();
        }
        if (path.isEmpty() || anchors.isEmpty()) {
            return false;
        }
        try {
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
