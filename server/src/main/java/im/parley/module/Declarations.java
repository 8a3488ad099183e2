package im.parley.module;

import java.util.List;

/**
 * What the started modules declared, read back: service discovery and entity capabilities are
 * generated from it, so a feature switched off disappears from both.
 */
public interface Declarations {
    List<String> serverFeatures();

    List<String> accountFeatures();

    List<Identity> serverIdentities();

    /** The modules that describe nodes of the server's JID, in loading order. */
    List<DiscoNodes> serverDiscoNodes();

    /** The service domains of one hosted domain (its disco#items). */
    List<ServiceDomain> serviceDomains(String host);
}
