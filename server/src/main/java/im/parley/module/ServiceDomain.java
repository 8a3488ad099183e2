package im.parley.module;

import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;

/**
 * A domain a module serves next to a hosted domain, e.g. {@code conference.example.org} for
 * chat rooms: the router sends it everything addressed there, and the host's disco#items lists
 * it (XEP-0030 §4).
 *
 * @param domain the service's own domain
 * @param host the hosted domain it belongs to (whose disco#items lists it)
 * @param name a human-readable name for disco#items, or null
 */
public record ServiceDomain(String domain, String host, String name, StanzaHandler handler) {
    /**
     * Whether a stanza to a service's own domain is a request for it to answer (an IQ get or set).
     * A message, which no one there reads, is refused service-unavailable unless it is an error
     * (RFC 6120 §8.3.1: an error is never answered); presence and IQ responses are dropped.
     */
    public static boolean isRequest(Stanza stanza, StanzaSender out) {
        if (!stanza.isIq()) {
            if (stanza.isMessage() && !stanza.isError()) {
                out.route(stanza.error(StanzaError.SERVICE_UNAVAILABLE));
            }
            return false;
        }
        return stanza.isRequest();
    }
}
