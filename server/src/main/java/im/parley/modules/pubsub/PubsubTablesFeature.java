package im.parley.modules.pubsub;

import im.parley.config.ConfigSection;
import im.parley.module.Declared;
import im.parley.module.HostSettings;
import im.parley.module.Module;
import im.parley.module.ModuleServices;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A feature whose nodes and items live in the pubsub tables ({@code db/pubsub}): PEP and the
 * pubsub service share them, and their migrations under one history, run by whichever starts first.
 */
public abstract class PubsubTablesFeature<C> extends Declared<C> {
    protected PubsubTablesFeature(String name, Function<ConfigSection, C> reader,
            BiFunction<HostSettings<C>, ModuleServices, Module> factory) {
        super(name, reader, factory);
    }

    @Override
    public final Optional<String> migrations() {
        return Optional.of("classpath:db/pubsub");
    }

    @Override
    public final String migrationHistory() {
        return "pubsub";
    }
}
