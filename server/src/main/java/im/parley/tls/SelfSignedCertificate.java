package im.parley.tls;

import io.netty.util.NetUtil;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate a server without configured certificates presents: self-signed for its domain,
 * generated on first start and kept in the data directory so that clients which pinned it keep
 * trusting it across restarts.
 */
final class SelfSignedCertificate {
    private static final Logger LOG = LoggerFactory.getLogger(SelfSignedCertificate.class);

    /**
     * Long, because nobody renews a self-signed certificate: clients trust it by pinning, and a
     * new one would make every pinned client refuse the server.
     */
    static final Duration VALIDITY = Duration.ofDays(10 * 365);
    /** Starts a day early so that clients whose clocks run behind accept it too. */
    private static final Duration CLOCK_SKEW = Duration.ofDays(1);
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final Pattern FILE_NAME_SAFE = Pattern.compile("[^/\\\\.][^/\\\\]*");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private SelfSignedCertificate() {
    }

    /**
     * Loads {@code <domain>.crt.pem} and {@code <domain>.key.pem} from {@code tlsDir}, named after
     * the first of {@code domains}, generating them first if the certificate file is missing or
     * does not name every domain (a host was added). The key is written before the certificate,
     * so a present certificate file means a complete pair; a lone key file is a leftover of an
     * interrupted first start and is replaced.
     */
    static ServerCertificate loadOrCreate(List<String> domains, Path tlsDir) throws IOException {
        String domain = domains.getFirst();
        if (!FILE_NAME_SAFE.matcher(domain).matches()) {
            throw new IllegalArgumentException("Not a usable domain for a certificate file name: " + domain);
        }
        Path certificateFile = tlsDir.resolve(domain + ".crt.pem");
        Path keyFile = tlsDir.resolve(domain + ".key.pem");
        if (Files.exists(certificateFile)) {
            ServerCertificate existing = ServerCertificate.fromPem(certificateFile, keyFile);
            if (ServerCertificate.names(existing.leaf())
                    .containsAll(domains.stream().map(ServerCertificate::dnsName).toList())) {
                return existing;
            }
        }
        ServerCertificate created = generate(domains, newP256KeyPair(), SIGNATURE_ALGORITHM, Instant.now());
        Files.createDirectories(tlsDir);
        writeAtomically(keyFile, Pem.encode(created.privateKey()), OWNER_ONLY);
        writeAtomically(certificateFile, Pem.encode(created.leaf()), WORLD_READABLE);
        LOG.info("Generated a self-signed certificate for {} in {}", String.join(", ", domains), certificateFile);
        return created;
    }

    /**
     * A certificate for {@code domains} (the hosted domains; the first is the subject's common
     * name) and their subdomains (MUC, upload and other services live there), usable by the
     * server both to accept connections and to connect to other servers. Names are DNS names, so
     * an internationalized domain is named by its A-labels.
     */
    static ServerCertificate generate(List<String> domains, KeyPair keys, String signatureAlgorithm, Instant now) {
        String domain = domains.getFirst();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, ServerCertificate.dnsName(domain)).build();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                name, new BigInteger(128, new SecureRandom()),
                Date.from(now.minus(CLOCK_SKEW)), Date.from(now.plus(VALIDITY)), name, keys.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, keyUsage(keys))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectAlternativeName, false, subjectAltNames(domains));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(keys.getPrivate())));
            return new ServerCertificate(List.of(certificate), keys.getPrivate());
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot generate a self-signed certificate for " + domain, e);
        }
    }

    private static KeyPair newP256KeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot generate P-256 keys", e);
        }
    }

    /** RSA keys may also be used for TLS 1.2 RSA key exchange, which needs keyEncipherment. */
    private static KeyUsage keyUsage(KeyPair keys) {
        boolean rsa = keys.getPublic().getAlgorithm().equals("RSA");
        return new KeyUsage(KeyUsage.digitalSignature | (rsa ? KeyUsage.keyEncipherment : 0));
    }

    private static GeneralNames subjectAltNames(List<String> domains) {
        List<GeneralName> names = new ArrayList<>();
        for (String domain : domains) {
            if (NetUtil.isValidIpV4Address(domain) || NetUtil.isValidIpV6Address(domain)) {
                names.add(new GeneralName(GeneralName.iPAddress, domain));
            } else {
                // A dNSName is an IA5String: ASCII only (RFC 5280 §4.2.1.6).
                String dnsName = ServerCertificate.dnsName(domain);
                names.add(new GeneralName(GeneralName.dNSName, dnsName));
                names.add(new GeneralName(GeneralName.dNSName, "*." + dnsName));
            }
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    /** Write-then-rename, so a crash never leaves a half-written file that the next start would load. */
    private static void writeAtomically(Path target, String content, Set<PosixFilePermission> permissions)
            throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            if (temporary.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temporary, permissions);
            }
            Files.writeString(temporary, content);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
