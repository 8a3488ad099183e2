package im.parley.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCertificateTest {
    @TempDir
    Path dataDir;

    @Test
    void generatesSelfSignedCertificateForTheDomainOnFirstStart() throws Exception {
        ServerCertificate certificate = ServerCertificate.obtain(List.of("example.org"), dataDir, null, null);

        X509Certificate leaf = certificate.leaf();
        leaf.verify(leaf.getPublicKey());
        leaf.checkValidity();
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=example.org");
        assertThat(leaf.getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(List.of(2, "example.org"), List.of(2, "*.example.org"));
        assertThat(leaf.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getNotAfter().toInstant()).isAfter(Instant.now().plus(SelfSignedCertificate.VALIDITY).minusSeconds(60));
        assertThat(certificate.privateKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void keepsTheGeneratedPairInTheDataDirectoryWithAPrivateKeyFile() throws Exception {
        ServerCertificate.obtain(List.of("example.org"), dataDir, null, null);

        Path key = dataDir.resolve("tls/example.org.key.pem");
        assertThat(dataDir.resolve("tls/example.org.crt.pem")).exists();
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        try (var files = Files.list(dataDir.resolve("tls"))) {
            assertThat(files).hasSize(2);
        }
    }

    @Test
    void reusesTheGeneratedCertificateOnLaterStarts() throws Exception {
        ServerCertificate first = ServerCertificate.obtain(List.of("example.org"), dataDir, null, null);
        ServerCertificate second = ServerCertificate.obtain(List.of("example.org"), dataDir, null, null);

        assertThat(second.fingerprintSha256()).isEqualTo(first.fingerprintSha256());
        assertThat(second.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
    }

    @Test
    void replacesAKeyLeftWithoutCertificateByAnInterruptedFirstStart() throws Exception {
        Files.createDirectories(dataDir.resolve("tls"));
        Files.writeString(dataDir.resolve("tls/example.org.key.pem"), "left over");

        ServerCertificate certificate = ServerCertificate.obtain(List.of("example.org"), dataDir, null, null);

        assertThat(ServerCertificate.fromPem(dataDir.resolve("tls/example.org.crt.pem"),
                dataDir.resolve("tls/example.org.key.pem")).fingerprintSha256())
                .isEqualTo(certificate.fingerprintSha256());
    }

    @Test
    void fingerprintIsSha256OfTheDerAsColonSeparatedHex() throws Exception {
        ServerCertificate certificate = ServerCertificate.obtain(List.of("localhost"), dataDir, null, null);

        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.leaf().getEncoded());
        assertThat(certificate.fingerprintSha256())
                .hasSize(32 * 3 - 1)
                .isEqualTo(HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest));
    }

    @Test
    void loadsAConfiguredRsaPairInTraditionalFormat() throws Exception {
        ServerCertificate issued = issue(rsaKeys(), "SHA256withRSA");
        Path chain = write("chain.pem", issued.leaf());
        Path key = write("key.pem", issued.privateKey());
        assertThat(Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        ServerCertificate loaded = ServerCertificate.obtain(List.of("example.org"), dataDir, chain, key);

        assertThat(loaded.chain()).containsExactly(issued.leaf());
        assertThat(loaded.privateKey().getEncoded()).isEqualTo(issued.privateKey().getEncoded());
    }

    @Test
    void loadsAConfiguredEcPairInTraditionalFormatAsOpensslWritesIt() throws Exception {
        KeyPair keys = ecKeys();
        ServerCertificate issued = issue(keys, "SHA256withECDSA");
        Path key = dataDir.resolve("key.pem");
        Files.writeString(key, opensslEcKey(keys));

        ServerCertificate loaded = ServerCertificate.fromPem(write("chain.pem", issued.leaf()), key);

        assertThat(((ECPrivateKey) loaded.privateKey()).getS())
                .isEqualTo(((ECPrivateKey) keys.getPrivate()).getS());
    }

    @Test
    void loadsAChainAndPkcs8KeyFromOneCombinedFile() throws Exception {
        ServerCertificate issued = issue(ecKeys(), "SHA256withECDSA");
        X509Certificate issuer = issue(ecKeys(), "SHA256withECDSA").leaf();
        Path combined = dataDir.resolve("combined.pem");
        Files.writeString(combined, Pem.encode(issued.leaf()) + Pem.encode(issuer) + Pem.encode(issued.privateKey()));

        ServerCertificate loaded = ServerCertificate.fromPem(combined, combined);

        assertThat(loaded.chain()).containsExactly(issued.leaf(), issuer);
        assertThat(loaded.privateKey().getEncoded()).isEqualTo(issued.privateKey().getEncoded());
    }

    @Test
    void namesTheHostsAConfiguredCertificateDoesNotCover() throws Exception {
        ServerCertificate issued = issue(ecKeys(), "SHA256withECDSA");

        assertThat(issued.notNaming(List.of("example.org", "chat.example.org", "a.b.example.org", "example.net")))
                .as("example.org and *.example.org name the first two").containsExactly("a.b.example.org", "example.net");
    }

    @Test
    void namesAnInternationalizedHostByTheALabelsOfItsDnsNames() throws Exception {
        // What a CA issues for bücher.example: DNS names are ASCII, so its A-label (RFC 6125 §6.4.2).
        X509Certificate exact = XmppAddressesTest.certificate(new GeneralName(GeneralName.dNSName, "xn--bcher-kva.example"));
        X509Certificate wildcard = XmppAddressesTest.certificate(new GeneralName(GeneralName.dNSName, "*.xn--bcher-kva.example"));

        assertThat(ServerCertificate.naming(exact, "bücher.example")).isTrue();
        assertThat(ServerCertificate.naming(exact, "xn--bcher-kva.example")).isTrue();
        assertThat(ServerCertificate.naming(exact, "bucher.example")).isFalse();
        assertThat(ServerCertificate.naming(exact, "shop.bücher.example")).isFalse();
        assertThat(ServerCertificate.naming(wildcard, "shop.bücher.example")).isTrue();
        assertThat(ServerCertificate.naming(wildcard, "shöp.bücher.example")).as("a U-label under the wildcard").isTrue();
        assertThat(ServerCertificate.naming(wildcard, "bücher.example")).isFalse();
        assertThat(ServerCertificate.naming(wildcard, "a.shop.bücher.example")).isFalse();
    }

    @Test
    void comparesDnsNamesWithoutRegardToCase() throws Exception {
        X509Certificate certificate = XmppAddressesTest.certificate(
                new GeneralName(GeneralName.dNSName, "XN--BCHER-KVA.Example"),
                new GeneralName(GeneralName.dNSName, "*.Example.ORG"));

        assertThat(ServerCertificate.naming(certificate, "bücher.example")).isTrue();
        assertThat(ServerCertificate.naming(certificate, "chat.example.org")).isTrue();
    }

    @Test
    void generatesDnsNamesOfAnInternationalizedHostAsALabels() throws Exception {
        ServerCertificate first = ServerCertificate.obtain(List.of("bücher.example", "example.org"), dataDir, null, null);

        assertThat(first.leaf().getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(2, "xn--bcher-kva.example"), List.of(2, "*.xn--bcher-kva.example"),
                List.of(2, "example.org"), List.of(2, "*.example.org"));
        assertThat(first.leaf().getSubjectX500Principal().getName()).isEqualTo("CN=xn--bcher-kva.example");
        assertThat(ServerCertificate.obtain(List.of("bücher.example", "example.org"), dataDir, null, null)
                .fingerprintSha256()).as("kept across restarts").isEqualTo(first.fingerprintSha256());
    }

    @Test
    void rejectsAKeyThatDoesNotBelongToTheCertificate() throws Exception {
        Path chain = write("chain.pem", issue(ecKeys(), "SHA256withECDSA").leaf());
        Path otherKey = dataDir.resolve("key.pem");
        Files.writeString(otherKey, Pem.encode(ecKeys().getPrivate()));

        assertThatThrownBy(() -> ServerCertificate.fromPem(chain, otherKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not belong");
    }

    @Test
    void rejectsAKeyFileWithoutKey() throws Exception {
        Path chain = write("chain.pem", issue(ecKeys(), "SHA256withECDSA").leaf());

        assertThatThrownBy(() -> ServerCertificate.fromPem(chain, chain)).hasMessageContaining("No private key");
    }

    @Test
    void rejectsOnlyOneOfTheTwoFilesConfigured() {
        assertThatThrownBy(() -> ServerCertificate.obtain(List.of("example.org"), dataDir, dataDir.resolve("c.pem"), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsADomainThatWouldEscapeTheDataDirectory() {
        assertThatThrownBy(() -> ServerCertificate.obtain(List.of("../etc"), dataDir, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static ServerCertificate issue(KeyPair keys, String signatureAlgorithm) {
        return SelfSignedCertificate.generate(List.of("example.org"), keys, signatureAlgorithm, Instant.now());
    }

    static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static KeyPair rsaKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /**
     * What {@code openssl ecparam -genkey -name prime256v1} writes: an EC PARAMETERS block, then
     * an RFC 5915 EC PRIVATE KEY carrying the curve and the public key.
     */
    private static String opensslEcKey(KeyPair keys) throws Exception {
        PrivateKeyInfo pkcs8 = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
        ASN1ObjectIdentifier curve = (ASN1ObjectIdentifier) pkcs8.getPrivateKeyAlgorithm().getParameters();
        var withoutCurve = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(pkcs8.parsePrivateKey());
        var full = new org.bouncycastle.asn1.sec.ECPrivateKey(256, withoutCurve.getKey(),
                SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getPublicKeyData(), curve);
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject("EC PARAMETERS", curve.getEncoded()));
            writer.writeObject(new PemObject("EC PRIVATE KEY", full.getEncoded()));
        }
        return text.toString();
    }

    /** Written the way JcaPEMWriter writes a JCA object: RSA keys in traditional OpenSSL format. */
    private Path write(String name, Object object) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        Path file = dataDir.resolve(name);
        Files.writeString(file, text.toString());
        return file;
    }
}
