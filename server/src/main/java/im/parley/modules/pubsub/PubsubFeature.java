package im.parley.modules.pubsub;

import java.util.Set;

/** The publish-subscribe service at {@code pubsub.<host>} (XEP-0060), for applications and bots. Section {@code pubsub:}. */
public final class PubsubFeature extends PubsubTablesFeature<PubsubConfig> {
    /** A new node's configuration unless its creator asks otherwise: open to anyone, its ten newest items kept. */
    static final NodeConfig DEFAULTS = NodeConfig.defaults(AccessModel.OPEN, "10");

    public PubsubFeature() {
        super("pubsub", PubsubConfig::read, (settings, services) -> new PubsubModule(
                new JdbcPubsubStore(services.jdbc(), DEFAULTS), settings.server(), services.clock()));
    }

    /** One service name and item limit for every host. */
    @Override
    public Set<String> serverWideOptions() {
        return Set.of("domain", "max-items");
    }
}
