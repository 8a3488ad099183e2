package im.parley.tls;

import static im.parley.auth.TlsInfo.TLS_EXPORTER;
import static im.parley.auth.TlsInfo.TLS_SERVER_END_POINT;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.SequencedMap;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLSession;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS channel bindings: values both ends of one TLS connection compute alike, which SCRAM-*-PLUS
 * mixes into authentication so that a man in the middle terminating TLS is detected.
 */
public final class ChannelBinding {
    private static final String EXPORTER_LABEL = "EXPORTER-Channel-Binding";
    private static final int EXPORTER_LENGTH = 32;

    private static final Logger LOG = LoggerFactory.getLogger(ChannelBinding.class);
    /** Null before JDK 25, which added it; the code is compiled for release 21. */
    private static final Method EXPORT_KEYING_MATERIAL = findKeyingMaterialExporter();
    private static final AlgorithmIdentifier SHA_256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);

    private ChannelBinding() {
    }

    /**
     * The bindings the server side of an established session supports, by type name, in order of
     * preference: tls-exporter first (it binds to this very connection, RFC 9266 §1), then
     * tls-server-end-point.
     */
    public static SequencedMap<String, byte[]> forSession(SSLSession session) {
        SequencedMap<String, byte[]> bindings = new LinkedHashMap<>();
        tlsExporter(session).ifPresent(data -> bindings.put(TLS_EXPORTER, data));
        Certificate[] local = session.getLocalCertificates();
        if (local != null && local.length > 0 && local[0] instanceof X509Certificate certificate) {
            tlsServerEndPoint(certificate).ifPresent(data -> bindings.put(TLS_SERVER_END_POINT, data));
        }
        return Collections.unmodifiableSequencedMap(bindings);
    }

    /**
     * RFC 9266: 32 bytes exported with label "EXPORTER-Channel-Binding" and an empty context.
     * Empty unless the session is TLS 1.3 and the TLS implementation can export keying material
     * (JDK 25 or later; not every provider implements it).
     */
    public static Optional<byte[]> tlsExporter(SSLSession session) {
        if (EXPORT_KEYING_MATERIAL == null || !"TLSv1.3".equals(session.getProtocol())
                || !(session instanceof ExtendedSSLSession)) {
            return Optional.empty();
        }
        try {
            return Optional.of((byte[]) EXPORT_KEYING_MATERIAL.invoke(
                    session, EXPORTER_LABEL, new byte[0], EXPORTER_LENGTH));
        } catch (InvocationTargetException | IllegalAccessException e) {
            LOG.debug("TLS provider cannot export keying material; tls-exporter not offered", e);
            return Optional.empty();
        }
    }

    /**
     * RFC 5929 §4.1: the certificate's DER hashed with the hash function of its signature
     * algorithm, SHA-256 standing in for MD5 and SHA-1. Empty when that function is undefined
     * (a signature algorithm without a single hash function, which RFC 5929 leaves open).
     */
    public static Optional<byte[]> tlsServerEndPoint(X509Certificate certificate) {
        byte[] der = encoded(certificate);
        AlgorithmIdentifier signature = org.bouncycastle.asn1.x509.Certificate.getInstance(der).getSignatureAlgorithm();
        AlgorithmIdentifier digest = new DefaultDigestAlgorithmIdentifierFinder().find(signature);
        if (digest == null) {
            return Optional.empty();
        }
        return Optional.of(hash(isWeak(digest.getAlgorithm()) ? SHA_256 : digest, der));
    }

    private static boolean isWeak(ASN1ObjectIdentifier digest) {
        return digest.equals(PKCSObjectIdentifiers.md5) || digest.equals(OIWObjectIdentifiers.idSHA1);
    }

    private static byte[] hash(AlgorithmIdentifier digest, byte[] data) {
        try {
            DigestCalculator calculator = new BcDigestCalculatorProvider().get(digest);
            try (OutputStream out = calculator.getOutputStream()) {
                out.write(data);
            }
            return calculator.getDigest();
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("No implementation of digest " + digest.getAlgorithm(), e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("Certificate cannot be encoded", e);
        }
    }

    private static Method findKeyingMaterialExporter() {
        try {
            return ExtendedSSLSession.class.getMethod(
                    "exportKeyingMaterialData", String.class, byte[].class, int.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
