package im.parley.module;

import im.parley.config.ConfigException;
import im.parley.config.ConfigSection;
import im.parley.config.ModuleSections;
import im.parley.store.Jdbc;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the features ({@link ServiceLoader}), reads each one's configuration section with its
 * {@code enabled} switch, and builds and starts the enabled ones in order. All sections are read
 * before anything starts, so a typo anywhere stops start-up before a table is touched.
 */
public final class FeatureLoader {
    private static final Logger log = LoggerFactory.getLogger(FeatureLoader.class);

    /** Runs a feature's own schema migrations from a class-path location, under its own history. */
    @FunctionalInterface
    public interface SchemaMigrator {
        void migrate(String feature, String location);
    }

    /** What every feature is built with. */
    public record Environment(Jdbc jdbc, Accounts accounts, Clock clock, List<String> admins, String softwareName,
            String softwareVersion, SchemaMigrator migrator) {
        public Environment {
            admins = List.copyOf(admins);
        }
    }

    /** A feature with its section read. */
    private record Configured<C>(Feature<C> feature, boolean enabled, C config) {
        Module create(ModuleServices services) {
            return feature.create(config, services);
        }
    }

    private final ModuleRegistry registry;
    private final ModuleContext context;
    private final Environment environment;

    /** Modules are started in {@code registry}, declaring through {@code context}. */
    public FeatureLoader(ModuleRegistry registry, ModuleContext context, Environment environment) {
        this.registry = registry;
        this.context = context;
        this.environment = environment;
    }

    /** The features on the class path, in the order their services files list them. */
    @SuppressWarnings("rawtypes")
    public static List<Feature<?>> discover() {
        List<Feature<?>> features = new ArrayList<>();
        for (Feature feature : ServiceLoader.load(Feature.class)) {
            features.add(feature);
        }
        return features;
    }

    /** Reads the sections of {@code features} from {@code sections}, then starts the enabled ones. */
    public void load(List<Feature<?>> features, ModuleSections sections) {
        List<Configured<?>> configured = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Feature<?> feature : features) {
            if (!names.add(feature.name())) {
                throw new IllegalStateException("two features named " + feature.name());
            }
            configured.add(sections.read(feature.name(), section -> configure(feature, section)));
        }
        sections.requireKnown(names);
        Services services = new Services();
        List<String> off = new ArrayList<>();
        for (Configured<?> feature : configured) {
            if (!feature.enabled()) {
                off.add(feature.feature().name());
                continue;
            }
            services.current = feature.feature().name();
            feature.feature().migrations()
                    .ifPresent(location -> environment.migrator().migrate(feature.feature().name(), location));
            registry.load(feature.create(services), context);
        }
        log.info("Features switched off: {}", off.isEmpty() ? "none" : String.join(", ", off));
    }

    private static <C> Configured<C> configure(Feature<C> feature, ConfigSection section) {
        boolean enabled = section.bool("enabled", feature.enabledByDefault());
        if (!enabled && feature.core()) {
            throw section.error("enabled", feature.name() + " is core to instant messaging (RFC 6121) and cannot be"
                    + " switched off");
        }
        return new Configured<>(feature, enabled, feature.readConfig(section));
    }

    /** The services one feature after another is built with; {@code current} names the one being built. */
    private final class Services implements ModuleServices {
        private final Map<Class<?>, Object> provided = new HashMap<>();
        private final Map<Class<?>, String> providers = new HashMap<>();
        private String current;

        @Override
        public Jdbc jdbc() {
            return environment.jdbc();
        }

        @Override
        public Accounts accounts() {
            return environment.accounts();
        }

        @Override
        public Clock clock() {
            return environment.clock();
        }

        @Override
        public List<String> admins() {
            return environment.admins();
        }

        @Override
        public String softwareName() {
            return environment.softwareName();
        }

        @Override
        public String softwareVersion() {
            return environment.softwareVersion();
        }

        @Override
        public Declarations declarations() {
            return registry;
        }

        @Override
        public <T> void provide(Class<T> type, T service) {
            if (provided.putIfAbsent(type, service) != null) {
                throw new IllegalStateException(current + " provides " + type.getSimpleName() + ", which "
                        + providers.get(type) + " already provides");
            }
            providers.put(type, current);
        }

        @Override
        public <T> Optional<T> find(Class<T> type) {
            return Optional.ofNullable(type.cast(provided.get(type)));
        }

        @Override
        public <T> T require(Class<T> type) {
            Object service = provided.get(type);
            if (service == null) {
                throw new ConfigException("the feature '" + current + "' needs " + type.getSimpleName()
                        + ", which no enabled feature before it provides (is the feature providing it switched off?)");
            }
            return type.cast(service);
        }
    }
}
