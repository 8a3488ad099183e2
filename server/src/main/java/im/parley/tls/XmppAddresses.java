package im.parley.tls;

import im.parley.xmpp.Jid;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.x509.OtherName;

/**
 * The XMPP addresses a certificate names: subject alternative names of the otherName type
 * id-on-xmppAddr (RFC 6120 §13.7.1.4), whose value is a JID as a UTF8String. A server's
 * certificate names its domain with the domain's JID, compared as JIDs are (both in the one
 * canonical form of {@link Jid}, RFC 7622; no wildcard, RFC 6120 §13.7.2.1); an address with a
 * localpart or a resource names an entity, not the server.
 */
final class XmppAddresses {
    static final ASN1ObjectIdentifier ID_ON_XMPP_ADDR = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.5");
    private static final int OTHER_NAME = 0;

    private XmppAddresses() {
    }

    /** Whether one of the certificate's XMPP addresses is {@code domain}'s JID. */
    static boolean naming(X509Certificate certificate, String domain) throws IOException {
        Jid wanted = Jid.parseOrNull(domain);
        if (wanted == null || !wanted.isDomain()) {
            return false;
        }
        for (List<?> name : ServerCertificate.subjectAlternativeNames(certificate)) {
            if ((Integer) name.get(0) == OTHER_NAME && name.get(1) instanceof byte[] der
                    && wanted.equals(Jid.parseOrNull(xmppAddress(der)))) {
                return true;
            }
        }
        return false;
    }

    /** The value of an id-on-xmppAddr otherName (the JDK hands it over DER-encoded), else null. */
    private static String xmppAddress(byte[] der) throws IOException {
        try {
            OtherName otherName = OtherName.getInstance(ASN1Primitive.fromByteArray(der));
            return otherName.getTypeID().equals(ID_ON_XMPP_ADDR)
                    && otherName.getValue() instanceof ASN1UTF8String value ? value.getString() : null;
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IOException("Unreadable otherName in the certificate's subject alternative names", e);
        }
    }
}
