package im.parley.module;

import im.parley.config.ConfigException;
import im.parley.config.ConfigSection;
import im.parley.config.ModuleSections;
import im.parley.net.EventLoops;
import im.parley.http.HttpService;
import im.parley.session.ResumableSessions;
import im.parley.store.ArchivePositions;
import im.parley.store.ArchiveStore;
import im.parley.store.Jdbc;
import im.parley.store.JdbcArchiveStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the features ({@link ServiceLoader}), reads each one's configuration section with its
 * {@code enabled} switch, globally and for each virtual host (the host's own section overlaid on
 * the global one), and builds and starts each feature that is on for any host, after the features
 * it requires, declaring for the hosts it is on for. All sections are read and all requirements
 * checked before anything starts, so a typo or a missing requirement anywhere stops start-up before
 * a table is touched.
 */
public final class FeatureLoader {
    private static final Logger log = LoggerFactory.getLogger(FeatureLoader.class);

    /** Runs a feature's own schema migrations from a class-path location, under its own history. */
    @FunctionalInterface
    public interface SchemaMigrator {
        void migrate(String feature, String location);
    }

    /** What every feature is built with; {@code hosts} are the hosted domains. */
    public record Environment(Hosts hosts, Jdbc jdbc, Accounts accounts, Clock clock, List<String> admins,
            String softwareName, String softwareVersion, SchemaMigrator migrator, EventLoops eventLoops, Path dataDir,
            HttpService http) {
        public Environment {
            admins = List.copyOf(admins);
        }
    }

    /** A feature with its sections read. */
    private record Configured<C>(Feature<C> feature, HostSettings<C> settings) {
        Module create(ModuleServices services) {
            return feature.create(settings, services);
        }

        /** On for at least one host: built, and its migrations run. */
        boolean enabled() {
            return !settings.enabledHosts().isEmpty();
        }

        boolean enabledOn(String host) {
            return settings.enabledHosts().contains(host);
        }
    }

    /** One section's switch and options. */
    private record Setting<C>(boolean enabled, C config) {
    }

    private final ModuleRegistry registry;
    private final StanzaSender sender;
    private final ResumableSessions resumable;
    private final Environment environment;

    /** Modules are started in {@code registry}, sending with {@code sender}, keeping sessions in {@code resumable}. */
    public FeatureLoader(ModuleRegistry registry, StanzaSender sender, ResumableSessions resumable,
            Environment environment) {
        this.registry = registry;
        this.sender = sender;
        this.resumable = resumable;
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

    /**
     * Reads the sections of {@code features} from {@code sections}, checks that every enabled
     * feature's requirements are enabled, then starts the enabled ones, each after those it
     * requires. If one fails to start, those started before it are stopped.
     */
    public void load(List<Feature<?>> features, ModuleSections sections) {
        Map<String, Configured<?>> configured = new LinkedHashMap<>();
        for (Feature<?> feature : features) {
            if (configured.containsKey(feature.name())) {
                throw new IllegalStateException("two features named " + feature.name());
            }
            configured.put(feature.name(), configure(feature, sections, environment.hosts()));
        }
        sections.requireKnown(configured.keySet());
        List<Configured<?>> enabled = startOrder(configured);
        try {
            start(enabled);
        } catch (RuntimeException | Error e) {
            registry.stopAll();
            throw e;
        }
        List<String> off = configured.values().stream().filter(feature -> !feature.enabled())
                .map(feature -> feature.feature().name()).toList();
        log.info("Features switched off: {}", off.isEmpty() ? "none" : String.join(", ", off));
        for (Configured<?> feature : enabled) {
            if (feature.settings().enabledHosts().domains().size() < environment.hosts().domains().size()) {
                log.info("Feature {} on for {} only", feature.feature().name(), feature.settings().enabledHosts());
            }
        }
    }

    private void start(List<Configured<?>> enabled) {
        Services services = new Services();
        for (Configured<?> feature : enabled) {
            services.current = feature.feature().name();
            feature.feature().migrations()
                    .ifPresent(location -> environment.migrator().migrate(feature.feature().migrationHistory(), location));
            registry.load(feature.create(services), registry.context(sender, resumable, feature.settings().enabledHosts()));
        }
    }

    /**
     * The enabled features, each after those it requires and otherwise in the order found; a
     * requirement that is switched off or unknown stops start-up naming both features.
     */
    private static List<Configured<?>> startOrder(Map<String, Configured<?>> configured) {
        List<Configured<?>> order = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        Set<String> placing = new HashSet<>();
        for (Configured<?> feature : configured.values()) {
            if (feature.enabled()) {
                place(feature, configured, order, placed, placing);
            }
        }
        return order;
    }

    private static void place(Configured<?> feature, Map<String, Configured<?>> configured, List<Configured<?>> order,
            Set<String> placed, Set<String> placing) {
        String name = feature.feature().name();
        if (placed.contains(name)) {
            return;
        }
        if (!placing.add(name)) {
            throw new IllegalStateException("features that require each other: " + placing);
        }
        for (String required : feature.feature().requires()) {
            Configured<?> dependency = configured.get(required);
            if (dependency == null) {
                throw new IllegalStateException("the feature '" + name + "' requires '" + required + "', which is not on"
                        + " the class path");
            }
            if (!dependency.enabled()) {
                throw new ConfigException("the feature '" + name + "' needs the feature '" + required
                        + "', which is switched off: switch both on or both off");
            }
            for (String host : feature.settings().enabledHosts().domains()) {
                if (!dependency.enabledOn(host)) {
                    throw new ConfigException("the feature '" + name + "' needs the feature '" + required
                            + "', which is switched off on " + host + ": switch both on or both off there");
                }
            }
            place(dependency, configured, order, placed, placing);
        }
        placing.remove(name);
        placed.add(name);
        order.add(feature);
    }

    /**
     * Reads a feature's global section, then each host's own overlaid on it (a host without one
     * shares the global reading), into the feature's {@link HostSettings}.
     */
    private static <C> Configured<C> configure(Feature<C> feature, ModuleSections sections, Hosts hosts) {
        String name = feature.name();
        Setting<C> global = sections.read(name, section -> setting(feature, section));
        sections.refuseOnHosts(name, feature.serverWideOptions());
        Map<String, C> byHost = new HashMap<>();
        List<String> on = new ArrayList<>();
        for (String host : hosts.domains()) {
            Setting<C> own = sections.hostHas(host, name)
                    ? sections.readForHost(host, name, section -> setting(feature, section))
                    : global;
            byHost.put(host, own.config());
            if (own.enabled()) {
                on.add(host);
            }
        }
        return new Configured<>(feature, new HostSettings<>(global.config(), byHost, new Hosts(on)));
    }

    private static <C> Setting<C> setting(Feature<C> feature, ConfigSection section) {
        boolean enabled = section.bool("enabled", feature.enabledByDefault());
        if (!enabled && feature.core()) {
            throw section.error("enabled", feature.name() + " is core to instant messaging (RFC 6121) and cannot be"
                    + " switched off");
        }
        return new Setting<>(enabled, feature.readConfig(section));
    }

    /** The services one feature after another is built with; {@code current} names the one being built. */
    private final class Services implements ModuleServices {
        private final Map<Class<?>, Object> provided = new HashMap<>();
        private final Map<Class<?>, String> providers = new HashMap<>();
        private String current;
        /** Made with the first archive store: it reads the table, which a server without archives never needs. */
        private ArchivePositions archivePositions;

        @Override
        public Jdbc jdbc() {
            return environment.jdbc();
        }

        @Override
        public ArchiveStore archiveStore(String name) {
            if (archivePositions == null) {
                archivePositions = new ArchivePositions(jdbc(), clock());
            }
            return new JdbcArchiveStore(jdbc(), archivePositions, name);
        }

        @Override
        public EventLoops eventLoops() {
            return environment.eventLoops();
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
        public Path dataDir() {
            return environment.dataDir();
        }

        @Override
        public HttpService http() {
            return environment.http();
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
