package im.parley.tls;

import java.io.IOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate chain and private key the server presents in its TLS handshakes.
 *
 * <p>Obtained either from PEM files the operator configured or, for a zero-configuration start,
 * from a self-signed certificate generated for the domain and kept in the data directory.
 */
public final class ServerCertificate {
    private static final Logger LOG = LoggerFactory.getLogger(ServerCertificate.class);

    private final List<X509Certificate> chain;
    private final PrivateKey privateKey;

    /**
     * @param chain the leaf certificate first, then its issuers
     * @throws IllegalArgumentException if the chain is empty or the key does not belong to the leaf;
     *     caught here, at start-up, rather than as failing handshakes later
     */
    public ServerCertificate(List<X509Certificate> chain, PrivateKey privateKey) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("A certificate chain needs at least the server's certificate");
        }
        this.chain = List.copyOf(chain);
        this.privateKey = privateKey;
        requireMatchingKey(this.chain.getFirst().getPublicKey(), privateKey);
    }

    /**
     * The certificate to use for the hosted {@code domains}: the configured PEM files when both
     * are given, otherwise the self-signed certificate under {@code dataDir/tls}, generated on
     * first start (and again when a host is added), naming every domain.
     *
     * @param certificateChainPem the configured chain file, or null
     * @param privateKeyPem the configured key file, or null
     */
    public static ServerCertificate obtain(List<String> domains, Path dataDir, Path certificateChainPem, Path privateKeyPem)
            throws IOException {
        if (certificateChainPem == null && privateKeyPem == null) {
            return SelfSignedCertificate.loadOrCreate(domains, dataDir.resolve("tls"));
        }
        if (certificateChainPem == null || privateKeyPem == null) {
            throw new IllegalArgumentException(
                    "Configure both the certificate chain file and the private key file, or neither");
        }
        ServerCertificate configured = fromPem(certificateChainPem, privateKeyPem);
        for (String domain : configured.notNaming(domains)) {
            // Serving goes on (the operator may be changing certificates), but that host's clients will refuse it.
            LOG.warn("The configured certificate {} does not name the host {}: its clients will refuse the certificate",
                    certificateChainPem, domain);
        }
        return configured;
    }

    /**
     * The {@code domains} the leaf certificate's subject alternative names do not name, exactly or
     * with a wildcard for the first label (RFC 6125 §6.4.3).
     */
    public List<String> notNaming(List<String> domains) throws IOException {
        X509Certificate leaf = leaf();
        List<String> missing = new java.util.ArrayList<>();
        for (String domain : domains) {
            if (!naming(leaf, domain)) {
                missing.add(domain);
            }
        }
        return missing;
    }

    /**
     * Whether a certificate's subject alternative names name {@code domain}, exactly or with a
     * wildcard for the first label (RFC 6125 §6.4.3), compared as DNS names: in A-label form,
     * without regard to case (§6.4.2). A domain IDNA refuses is named by no DNS name.
     */
    public static boolean naming(X509Certificate certificate, String domain) throws IOException {
        String wanted;
        try {
            wanted = dnsName(domain);
        } catch (IllegalArgumentException e) {
            return false;
        }
        Set<String> names = names(certificate).stream().map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        return names.contains(wanted)
                || (wanted.indexOf('.') > 0 && names.contains("*" + wanted.substring(wanted.indexOf('.'))));
    }

    /**
     * {@code domain} (a JID's domainpart, whose labels are U-labels) as a certificate's DNS name
     * holds it: ASCII, each internationalized label its A-label (RFC 6125 §6.4.2), in lower case;
     * also the name DNS is asked about (RFC 6120 §3.2) and TLS's server name indication carries.
     *
     * @throws IllegalArgumentException if IDNA refuses the domain
     */
    public static String dnsName(String domain) {
        return IDN.toASCII(domain).toLowerCase(Locale.ROOT);
    }

    /** The DNS names and IP addresses a certificate's subject alternative names list. */
    static Set<String> names(X509Certificate certificate) throws IOException {
        return subjectAlternativeNames(certificate).stream().map(name -> String.valueOf(name.get(1)))
                .collect(Collectors.toSet());
    }

    /** A certificate's subject alternative names as the JDK lists them (type, value); none when it has none. */
    static Collection<List<?>> subjectAlternativeNames(X509Certificate certificate) throws IOException {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of() : names;
        } catch (CertificateParsingException e) {
            throw new IOException("Unreadable subject alternative names in the certificate", e);
        }
    }

    /** Loads a PEM certificate chain (leaf first) and its PEM private key (PKCS#8, RSA or EC). */
    public static ServerCertificate fromPem(Path certificateChainPem, Path privateKeyPem) throws IOException {
        return new ServerCertificate(Pem.readCertificates(certificateChainPem), Pem.readPrivateKey(privateKeyPem));
    }

    /** The leaf certificate first, then its issuers. */
    public List<X509Certificate> chain() {
        return chain;
    }

    public X509Certificate leaf() {
        return chain.getFirst();
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /**
     * SHA-256 of the leaf certificate's DER encoding as colon-separated upper-case hex, the form
     * {@code openssl x509 -fingerprint -sha256} prints and clients show when asking users to
     * trust a self-signed certificate.
     */
    public String fingerprintSha256() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(leaf().getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("Cannot fingerprint the server certificate", e);
        }
    }

    /** Proves the pair by signing and verifying a sample; only key types TLS servers use are checked. */
    private static void requireMatchingKey(PublicKey publicKey, PrivateKey privateKey) {
        if (!publicKey.getAlgorithm().equals(privateKey.getAlgorithm())) {
            throw new IllegalArgumentException("The private key is " + privateKey.getAlgorithm()
                    + " but the certificate's key is " + publicKey.getAlgorithm());
        }
        String algorithm = switch (privateKey.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "EdDSA", "Ed25519", "Ed448" -> privateKey.getAlgorithm();
            default -> null; // e.g. RSASSA-PSS needs parameters; the handshake will tell
        };
        if (algorithm != null && !signatureVerifies(algorithm, publicKey, privateKey)) {
            throw new IllegalArgumentException("The private key does not belong to the certificate");
        }
    }

    private static boolean signatureVerifies(String algorithm, PublicKey publicKey, PrivateKey privateKey) {
        byte[] sample = "parley key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(sample);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(sample);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot check the private key against the certificate", e);
        }
    }
}
