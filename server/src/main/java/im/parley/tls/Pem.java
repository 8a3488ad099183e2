package im.parley.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads and writes the PEM files operators are used to (what certbot, acme.sh and openssl
 * produce). Objects of other types in a file are skipped, so one combined file holding both
 * the chain and the key can be given for both settings.
 */
final class Pem {
    private Pem() {
    }

    /** The certificates of a PEM file in file order: the leaf first, then its issuers. */
    static List<X509Certificate> readCertificates(Path file) throws IOException {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object object : readObjects(file)) {
            if (object instanceof X509CertificateHolder holder) {
                certificates.add(toCertificate(converter, holder, file));
            }
        }
        if (certificates.isEmpty()) {
            throw new IOException("No CERTIFICATE block in " + file);
        }
        return certificates;
    }

    /**
     * The first private key of a PEM file: PKCS#8 ({@code PRIVATE KEY}) or the traditional
     * OpenSSL forms ({@code RSA PRIVATE KEY}, {@code EC PRIVATE KEY}).
     */
    static PrivateKey readPrivateKey(Path file) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        for (Object object : readObjects(file)) {
            switch (object) {
                case PrivateKeyInfo info -> {
                    return converter.getPrivateKey(info);
                }
                case PEMKeyPair pair -> {
                    // not getKeyPair(): the public key is optional in an EC PRIVATE KEY (RFC 5915)
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                case PEMEncryptedKeyPair ignored -> throw encryptedKey(file);
                case PKCS8EncryptedPrivateKeyInfo ignored -> throw encryptedKey(file);
                default -> {
                    // certificates or EC PARAMETERS sharing the file
                }
            }
        }
        throw new IOException("No private key block in " + file);
    }

    static String encode(X509Certificate certificate) throws IOException {
        return write(certificate);
    }

    /** PKCS#8 ({@code PRIVATE KEY}): the one format every TLS library reads for every key type. */
    static String encode(PrivateKey key) throws IOException {
        return write(new JcaPKCS8Generator(key, null));
    }

    private static String write(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    private static List<Object> readObjects(Path file) throws IOException {
        List<Object> objects = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file); PEMParser parser = new PEMParser(reader)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        }
        return objects;
    }

    private static X509Certificate toCertificate(
            JcaX509CertificateConverter converter, X509CertificateHolder holder, Path file) throws IOException {
        try {
            return converter.getCertificate(holder);
        } catch (CertificateException e) {
            throw new IOException("Unreadable certificate in " + file, e);
        }
    }

    private static IOException encryptedKey(Path file) {
        return new IOException("The private key in " + file
                + " is encrypted; the server reads only unencrypted keys (protect the file with permissions 600)");
    }
}
