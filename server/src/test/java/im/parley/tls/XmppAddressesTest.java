package im.parley.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** RFC 6120 §13.7.1.4: which domains a certificate's id-on-xmppAddr names prove, compared as JIDs. */
class XmppAddressesTest {
    @Test
    void aDomainsJidNamesItInAnyOfItsForms() throws Exception {
        assertThat(XmppAddresses.naming(certificate("b.test"), "b.test")).isTrue();
        assertThat(XmppAddresses.naming(certificate("B.Test"), "b.test")).isTrue();
        assertThat(XmppAddresses.naming(certificate("b.test."), "b.test")).isTrue();
        // An internationalized domain as an A-label or a U-label is the same JID.
        assertThat(XmppAddresses.naming(certificate("xn--bcher-kva.test"), "bücher.test")).isTrue();
        assertThat(XmppAddresses.naming(certificate("bücher.test"), "bücher.test")).isTrue();
    }

    @Test
    void anEntitysAddressAnotherDomainOrAWildcardNamesNoServer() throws Exception {
        X509Certificate certificate = certificate("bob@b.test", "b.test/server", "wrong.test", "*.b.test", "@");
        assertThat(XmppAddresses.naming(certificate, "b.test")).isFalse();
        assertThat(XmppAddresses.naming(certificate, "x.b.test")).isFalse();
        assertThat(XmppAddresses.naming(certificate("b.test"), "bob@b.test")).isFalse();
        assertThat(XmppAddresses.naming(certificate("b.test"), "not a domain")).isFalse();
    }

    @Test
    void aDnsNameIsNoXmppAddress() throws Exception {
        assertThat(XmppAddresses.naming(certificate(new GeneralName(GeneralName.dNSName, "b.test")), "b.test")).isFalse();
    }

    private static X509Certificate certificate(String... xmppAddresses) throws Exception {
        GeneralName[] names = new GeneralName[xmppAddresses.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = new GeneralName(GeneralName.otherName,
                    new OtherName(XmppAddresses.ID_ON_XMPP_ADDR, new DERUTF8String(xmppAddresses[i])));
        }
        return certificate(names);
    }

    /** A certificate whose subject alternative names are {@code names}. */
    static X509Certificate certificate(GeneralName... names) throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("EC").generateKeyPair();
        X500Name subject = new X500Name("CN=test");
        Instant now = Instant.now();
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
                Date.from(now), Date.from(now.plusSeconds(60)), subject, keys.getPublic())
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }
}
