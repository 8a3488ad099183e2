package im.parley.module;

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
}
