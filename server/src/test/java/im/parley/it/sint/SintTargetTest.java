package im.parley.it.sint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SintTargetTest {

    @Test
    void trustsTheCertificateReadFromAPemFileAndNoOther(@TempDir Path dir) throws Exception {
        X509Certificate server = selfSigned("localhost");
        Path pem = dir.resolve("server.crt");
        Files.writeString(pem, pem(server), StandardCharsets.US_ASCII);

        List<X509Certificate> read = SintTarget.readCertificates(pem);
        SintTarget target = SintTarget.trusting("127.0.0.1", 15222, "localhost", read);

        assertThat(read).containsExactly(server);
        assertThatCode(() -> target.trustManager().checkServerTrusted(new X509Certificate[] {server}, "ECDHE_ECDSA"))
                .doesNotThrowAnyException();
        X509Certificate stranger = selfSigned("localhost");
        assertThatThrownBy(() -> target.trustManager().checkServerTrusted(new X509Certificate[] {stranger}, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void rejectsAPortOutOfRange() throws Exception {
        List<X509Certificate> anchors = List.of(selfSigned("localhost"));
        assertThatThrownBy(() -> SintTarget.trusting("127.0.0.1", 0, "localhost", anchors))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void takesOnlyAWebSocketEndpointWithTls() throws Exception {
        SintTarget target = SintTarget.trusting("127.0.0.1", 15222, "localhost", List.of(selfSigned("localhost")));
        assertThatThrownBy(() -> target.withWebSocket(URI.create("ws://localhost:5280/xmpp-websocket")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(target.withWebSocket(URI.create("wss://localhost:5443/xmpp-websocket")).webSocket())
                .hasToString("wss://localhost:5443/xmpp-websocket");
    }

    private static X509Certificate selfSigned(String name) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=" + name);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofMinutes(1))), Date.from(now.plus(Duration.ofDays(1))), subject, pair.getPublic());
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
