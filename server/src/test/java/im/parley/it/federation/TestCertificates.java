package im.parley.it.federation;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A certificate authority of the tests, which issues server certificates as PEM files in a directory. */
final class TestCertificates {
    private static final ASN1ObjectIdentifier ID_ON_XMPP_ADDR = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.5");
    private final Path dir;
    private final KeyPair caKeys = keyPair();
    private final X509Certificate ca;

    TestCertificates(Path dir) throws Exception {
        this.dir = dir;
        X500Name name = new X500Name("CN=Parley test CA");
        ca = sign(new JcaX509v3CertificateBuilder(name, serial(), from(), until(), name, caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign)));
        Files.writeString(caFile(), pem(ca));
    }

    /** The CA's certificate, for {@code s2s.ca-certificates}. */
    Path caFile() {
        return dir.resolve("ca.pem");
    }

    /**
     * Issues a certificate naming {@code domain} and its subdomains; returns the YAML of a
     * {@code tls:} section using it.
     */
    String issue(String domain) throws Exception {
        return issue(domain, new GeneralName(GeneralName.dNSName, domain), new GeneralName(GeneralName.dNSName, "*." + domain));
    }

    /**
     * Issues a certificate for {@code domain} whose only names are XMPP addresses (id-on-xmppAddr
     * otherNames, RFC 6120 §13.7.1.4); returns the YAML of a {@code tls:} section using it.
     */
    String issueWithXmppAddresses(String domain, String... xmppAddresses) throws Exception {
        GeneralName[] names = new GeneralName[xmppAddresses.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = new GeneralName(GeneralName.otherName, new OtherName(ID_ON_XMPP_ADDR, new DERUTF8String(xmppAddresses[i])));
        }
        return issue(domain, names);
    }

    private String issue(String domain, GeneralName... names) throws Exception {
        KeyPair keys = keyPair();
        X509Certificate leaf = sign(new JcaX509v3CertificateBuilder(new X500Name("CN=Parley test CA"), serial(),
                from(), until(), new X500Name("CN=" + domain), keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names)));
        Path certificate = dir.resolve(domain + ".crt.pem");
        Path key = dir.resolve(domain + ".key.pem");
        Files.writeString(certificate, pem(leaf) + pem(ca));
        StringWriter keyPem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(keyPem)) {
            writer.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
        }
        Files.writeString(key, keyPem.toString());
        return "tls:\n  certificate: '" + certificate + "'\n  key: '" + key + "'\n";
    }

    private X509Certificate sign(X509v3CertificateBuilder builder) throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom());
    }

    private static Date from() {
        return Date.from(Instant.now().minus(Duration.ofDays(1)));
    }

    private static Date until() {
        return Date.from(Instant.now().plus(Duration.ofDays(30)));
    }
}
