package im.parley.module;

import im.parley.auth.SaslServerMechanism;
import im.parley.auth.TlsInfo;
import im.parley.module.NegotiationStep.NegotiatingStream;
import im.parley.xml.Element;
import java.util.List;

/**
 * A feature a client negotiates inside SASL2's {@code <authenticate/>} (XEP-0388), in the same
 * round trip as its credentials: stream resumption (XEP-0198) and FAST tokens (XEP-0484). It is
 * listed in the {@code <inline/>} of the {@code <authentication/>} feature and runs once the
 * client authenticated, before Bind2 (a resumed session needs no binding); a failed
 * authentication runs none (§2.6.2).
 */
public interface Sasl2Inline {
    /** Its element in {@code <authentication><inline/>} on a stream to {@code host} over that TLS connection. */
    Element advertisement(String host, TlsInfo tls);

    /**
     * Runs after a successful authentication, on the stream's thread: it may give the stream a
     * session ({@link NegotiatingStream#serve}, as resumption does); until {@code <success/>} is
     * written, what is sent to that session waits.
     *
     * @param mechanism the mechanism the client authenticated with
     * @return the elements for {@code <success/>} (its results), empty when it was not asked for
     */
    List<Element> authenticated(NegotiatingStream stream, Sasl2Request request, String mechanism);

    /**
     * A mechanism of the feature's own for the request (FAST's token mechanisms), or null when
     * the request names none of them. Offered inside its advertisement, not among the mechanisms.
     */
    default SaslServerMechanism mechanism(Sasl2Request request, String host, TlsInfo tls) {
        return null;
    }
}
