package im.parley.module;

import im.parley.config.ConfigSection;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A {@link Feature} declared in one statement: its section's name, how the section is read, and
 * how the module is built. Most features are this; one that needs more overrides the rest.
 */
public abstract class Declared<C> implements Feature<C> {
    private final String name;
    private final Function<ConfigSection, C> reader;
    private final BiFunction<HostSettings<C>, ModuleServices, Module> factory;

    /** A feature with options, which {@code factory} reads per host from its {@link HostSettings}. */
    protected Declared(String name, Function<ConfigSection, C> reader,
            BiFunction<HostSettings<C>, ModuleServices, Module> factory) {
        this.name = name;
        this.reader = reader;
        this.factory = factory;
    }

    /** A feature without options of its own (its section takes {@code enabled} only). */
    protected Declared(String name, Function<ModuleServices, Module> factory) {
        this(name, section -> null, (config, services) -> factory.apply(services));
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final C readConfig(ConfigSection section) {
        return reader.apply(section);
    }

    @Override
    public final Module create(HostSettings<C> settings, ModuleServices services) {
        return factory.apply(settings, services);
    }
}
