package im.parley.modules.pep;

import im.parley.modules.caps.ClientCapabilities;
import im.parley.modules.privatexml.PrivateStorage;
import im.parley.modules.vcard.VCards;
import im.parley.modules.pubsub.AccessModel;
import im.parley.modules.pubsub.JdbcPubsubStore;
import im.parley.modules.pubsub.NodeConfig;
import im.parley.modules.pubsub.PubsubTablesFeature;
import im.parley.modules.roster.Roster;
import java.util.List;
import java.util.Set;

/**
 * Personal eventing (XEP-0163): a pubsub service at every account's bare JID, its notifications
 * filtered by contacts' capabilities. Section {@code pep:}.
 */
public final class PepFeature extends PubsubTablesFeature<PepConfig> {
    /** A node's access model and item count unless its creator asks otherwise (XEP-0163 §4.1: presence). */
    static final NodeConfig DEFAULTS = NodeConfig.defaults(AccessModel.PRESENCE, "1");

    public PepFeature() {
        super("pep", PepConfig::read, (settings, services) -> new PepModule(
                new JdbcPubsubStore(services.jdbc(), DEFAULTS), services.require(Roster.class),
                services.require(ClientCapabilities.class), services.accounts(), settings.server(),
                services.find(PrivateStorage.class), services.find(VCards.class)));
    }

    /** Notifications go by the +notify features of verified caps (XEP-0163 §4.3). */
    @Override
    public List<String> requires() {
        return List.of("caps");
    }

    /** One item limit for every host: the nodes of every host share the store. */
    @Override
    public Set<String> serverWideOptions() {
        return Set.of("max-items");
    }
}
