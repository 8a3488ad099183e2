package im.parley.module;

import java.util.List;

/**
 * What the started modules declared for each hosted domain, read back: service discovery and
 * entity capabilities are generated from it, so a feature switched off (on every host or on one)
 * disappears from both (for that host).
 */
public interface Declarations {
    List<String> serverFeatures(String host);

    List<String> accountFeatures(String host);

    List<Identity> serverIdentities(String host);

    List<Identity> accountIdentities(String host);

    /** The modules that describe nodes of the host's accounts' JIDs, in loading order. */
    List<DiscoNodes> accountDiscoNodes(String host);

    /** The modules that describe nodes of the host's JID, in loading order. */
    List<DiscoNodes> serverDiscoNodes(String host);

    /** The service domains of one hosted domain (its disco#items). */
    List<ServiceDomain> serviceDomains(String host);

    /** Whether a module serves this domain (one of some host's service domains): a set lookup, for per-stanza use. */
    boolean isServiceDomain(String domain);

    /** The external components connected now (XEP-0114): every host's disco#items lists them. */
    List<DiscoNodes.Item> components();
}
