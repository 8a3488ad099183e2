package im.parley.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelBindingTest {
    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource({
        "SHA256withECDSA, EC,  SHA-256",
        "SHA384withECDSA, EC,  SHA-384",
        "SHA512withECDSA, EC,  SHA-512",
        "SHA1withECDSA,   EC,  SHA-256",
        "SHA256withRSA,   RSA, SHA-256",
        "SHA384withRSA,   RSA, SHA-384",
        "SHA1withRSA,     RSA, SHA-256",
        "MD5withRSA,      RSA, SHA-256",
    })
    void tlsServerEndPointHashesTheCertificateWithItsSignatureHash(
            String signatureAlgorithm, String keyType, String expectedDigest) throws Exception {
        KeyPair keys = keyType.equals("EC") ? ServerCertificateTest.ecKeys() : ServerCertificateTest.rsaKeys();
        X509Certificate certificate = ServerCertificateTest.issue(keys, signatureAlgorithm).leaf();

        byte[] expected = MessageDigest.getInstance(expectedDigest).digest(certificate.getEncoded());

        assertThat(ChannelBinding.tlsServerEndPoint(certificate)).hasValueSatisfying(data -> assertThat(data)
                .isEqualTo(expected));
    }
}
