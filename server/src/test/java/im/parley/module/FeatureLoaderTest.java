package im.parley.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.config.ConfigException;
import im.parley.config.ConfigSection;
import im.parley.config.ParleyConfig;
import im.parley.session.SessionRegistry;
import im.parley.xmpp.Stanza;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** How features are configured, switched off, and given each other's services. */
class FeatureLoaderTest {
    /** A feature with one option, {@code size}, that records what it was built with. */
    private final class Sized implements Feature<Integer> {
        private final String name;
        private final boolean byDefault;
        private final Set<String> serverWide;

        Sized(String name, boolean byDefault) {
            this(name, byDefault, Set.of());
        }

        Sized(String name, boolean byDefault, Set<String> serverWide) {
            this.name = name;
            this.byDefault = byDefault;
            this.serverWide = serverWide;
        }

        @Override
        public Set<String> serverWideOptions() {
            return serverWide;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean enabledByDefault() {
            return byDefault;
        }

        @Override
        public Integer readConfig(ConfigSection section) {
            return section.integer("size", 10, 1, 100);
        }

        @Override
        public Module create(HostSettings<Integer> settings, ModuleServices services) {
            for (String host : hosts.domains()) {
                sizes.put(name + "@" + host, settings.of(host));
            }
            return context -> {
                started.add(name + "=" + settings.of(context.enabledHosts().domains().getFirst()));
                context.serverFeature("urn:test:" + name);
            };
        }
    }

    /** Provides a String service, or requires one. */
    private record Service(String name, boolean provides) implements Feature<Void> {
        @Override
        public Module create(HostSettings<Void> settings, ModuleServices services) {
            if (provides) {
                services.provide(String.class, "from " + name);
            } else {
                services.require(String.class);
            }
            return context -> {
            };
        }
    }

    private final List<String> started = new ArrayList<>();
    private final Map<String, Integer> sizes = new HashMap<>();
    private Hosts hosts = Hosts.of("example.com");
    private ModuleRegistry registry = new ModuleRegistry(hosts, new SessionRegistry());

    /** Serves two hosts, which the configuration's {@code hosts:} must name. */
    private void twoHosts() {
        hosts = Hosts.of("one.example", "two.example");
        registry = new ModuleRegistry(hosts, new SessionRegistry());
    }

    private void load(String yaml, Feature<?>... features) {
        StanzaSender sender = new StanzaSender() {
            @Override
            public void route(Stanza stanza) {
            }

            @Override
            public CompletableFuture<Stanza> request(Stanza iq, Duration timeout) {
                return new CompletableFuture<>();
            }
        };
        FeatureLoader.Environment environment = new FeatureLoader.Environment(hosts, null, null, Clock.systemUTC(),
                List.of(), "Parley", "test", (feature, location) -> started.add("migrated " + feature), null, null, null);
        new FeatureLoader(registry, sender, null, environment)
                .load(List.of(features), ParleyConfig.parse(yaml, "parley.yml").modules());
    }

    @Test
    void eachFeatureReadsItsOwnSectionAndOnlyEnabledOnesStart() {
        load("a:\n  size: 3\nb:\n  enabled: false\n  size: 4\nc:\n  enabled: true\n",
                new Sized("a", true), new Sized("b", true), new Sized("c", false), new Sized("d", false));

        assertThat(started).containsExactly("a=3", "c=10");
        assertThat(registry.serverFeatures("example.com")).containsExactly("urn:test:a", "urn:test:c");
    }

    @Test
    void anUnknownKeyInAFeaturesSectionIsNamedWithItsLine() {
        assertThatThrownBy(() -> load("domain: example.com\na:\n  sise: 3\n", new Sized("a", true)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown key 'a.sise' in parley.yml line 3");
        assertThatThrownBy(() -> load("a:\n  size: 300\n", new Sized("a", true)))
                .hasMessage("a.size: expected an integer 1-100, got '300' in parley.yml line 2");
        assertThat(started).as("nothing starts before every section is read").isEmpty();
    }

    @Test
    void aSectionNoFeatureClaimsIsAnUnknownKey() {
        assertThatThrownBy(() -> load("a:\n  size: 3\nvcrad:\n  enabled: false\n", new Sized("a", true)))
                .hasMessage("unknown key 'vcrad' in parley.yml line 3");
    }

    @Test
    void aFeatureFindsAServiceItCanDoWithoutOnlyWhenAnEarlierOneProvidesIt() {
        List<Object> found = new ArrayList<>();
        Feature<Void> finder = new Feature<>() {
            @Override
            public String name() {
                return "finder";
            }

            @Override
            public Module create(HostSettings<Void> settings, ModuleServices services) {
                found.add(services.find(String.class));
                return context -> {
                };
            }
        };
        load("", finder);
        load("", new Service("roster", true), finder);

        assertThat(found).containsExactly(Optional.empty(), Optional.of("from roster"));
    }

    @Test
    void aFeatureGetsTheServiceOfAnEarlierOneOrAnErrorNamingItsNeed() {
        load("", new Service("roster", true), new Service("presence", false));

        assertThatThrownBy(() -> load("roster:\n  enabled: false\n", new Service("roster", true),
                new Service("presence", false)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("the feature 'presence' needs String, which no enabled feature before it provides");
    }

    /** Requires {@code needs}; records its start and stop, and fails to start when told to; declares a disco feature. */
    private final class Needing implements Feature<Void> {
        private final String name;
        private final List<String> needs;
        private final boolean fails;

        Needing(String name, boolean fails, String... needs) {
            this.name = name;
            this.needs = List.of(needs);
            this.fails = fails;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<String> requires() {
            return needs;
        }

        @Override
        public Optional<String> migrations() {
            return Optional.of("db/" + name);
        }

        @Override
        public Module create(HostSettings<Void> settings, ModuleServices services) {
            return new Module() {
                @Override
                public void start(ModuleContext context) {
                    if (fails) {
                        throw new IllegalStateException(name + " cannot start");
                    }
                    started.add(name);
                    context.serverFeature("urn:test:" + name);
                }

                @Override
                public void stop() {
                    started.add("stopped " + name);
                }
            };
        }
    }

    @Test
    void aFeatureStartsAfterTheFeaturesItRequiresWhateverTheOrderFound() {
        load("", new Needing("caps", false, "disco"), new Needing("search", false, "vcard", "adhoc"),
                new Needing("disco", false), new Needing("adhoc", false), new Needing("vcard", false));

        assertThat(started).filteredOn(s -> !s.startsWith("migrated")).containsExactly("disco", "caps", "vcard", "adhoc",
                "search");
    }

    @Test
    void aRequiredFeatureSwitchedOffStopsStartUpBeforeAnyMigration() {
        assertThatThrownBy(() -> load("disco:\n  enabled: false\n", new Needing("ping", false),
                new Needing("caps", false, "disco"), new Needing("disco", false)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("the feature 'caps' needs the feature 'disco', which is switched off: switch both on or both off");
        assertThat(started).isEmpty();
    }

    @Test
    void aFeatureThatFailsToStartStopsThoseStartedBeforeIt() {
        assertThatThrownBy(() -> load("", new Needing("a", false), new Needing("b", false), new Needing("c", true)))
                .hasMessage("c cannot start");
        assertThat(started).filteredOn(s -> !s.startsWith("migrated")).containsExactly("a", "b", "stopped b",
                "stopped a");
    }

    @Test
    void aFeaturesMigrationsRunOnlyWhenItIsEnabled() {
        record WithTables(String name, boolean byDefault) implements Feature<Void> {
            @Override
            public boolean enabledByDefault() {
                return byDefault;
            }

            @Override
            public java.util.Optional<String> migrations() {
                return java.util.Optional.of("db/" + name);
            }

            @Override
            public Module create(HostSettings<Void> settings, ModuleServices services) {
                return context -> {
                };
            }
        }
        load("", new WithTables("on", true), new WithTables("off", false));

        assertThat(started).containsExactly("migrated on");
    }

    private static final String TWO_HOSTS = "hosts:\n  - one.example\n  - two.example:\n";

    @Test
    void aHostsSectionOverlaysTheGlobalOneKeyByKey() {
        twoHosts();
        load(TWO_HOSTS + "      a: {size: 5}\n      b: {enabled: true}\na:\n  size: 3\nb:\n  size: 4\n",
                new Sized("a", true), new Sized("b", false));

        assertThat(sizes).containsEntry("a@one.example", 3).containsEntry("a@two.example", 5)
                .containsEntry("b@one.example", 4).containsEntry("b@two.example", 4);
        assertThat(registry.serverFeatures("one.example")).containsExactly("urn:test:a");
        assertThat(registry.serverFeatures("two.example")).containsExactly("urn:test:a", "urn:test:b");
    }

    @Test
    void aFeatureOffOnEveryHostButOneIsBuiltAndMigratedOnce() {
        twoHosts();
        load(TWO_HOSTS + "      b: {enabled: false}\n", new Needing("b", false));

        assertThat(started).containsExactly("migrated b", "b");
        assertThat(registry.serverFeatures("one.example")).containsExactly("urn:test:b");
        assertThat(registry.serverFeatures("two.example")).isEmpty();
    }

    @Test
    void keysUnderAHostAreCheckedLikeTheGlobalOnesWithTheirLines() {
        twoHosts();
        assertThatThrownBy(() -> load(TWO_HOSTS + "      a:\n        sise: 5\n", new Sized("a", true)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown key 'hosts.two.example.a.sise' in parley.yml line 5");
        assertThatThrownBy(() -> load(TWO_HOSTS + "      vcrad: {enabled: false}\n", new Sized("a", true)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown key 'hosts.two.example.vcrad' in parley.yml line 4");
        assertThatThrownBy(() -> load(TWO_HOSTS + "      a: {size: 500}\n", new Sized("a", true)))
                .hasMessage("hosts.two.example.a.size: expected an integer 1-100, got '500' in parley.yml line 4");
        assertThatThrownBy(() -> load(TWO_HOSTS + "      a: {size: 5}\n", new Sized("a", true, Set.of("size"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("hosts.two.example.a.size: an option of the whole server, not of one host: set it in the"
                        + " top-level 'a:' section in parley.yml line 4");
        assertThat(started).isEmpty();
    }

    @Test
    void aFeatureOnForAHostNeedsWhatItRequiresOnForThatHost() {
        twoHosts();
        assertThatThrownBy(() -> load(TWO_HOSTS + "      disco: {enabled: false}\n",
                new Needing("disco", false), new Needing("caps", false, "disco")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("the feature 'caps' needs the feature 'disco', which is switched off on two.example: switch"
                        + " both on or both off there");
        load(TWO_HOSTS + "      disco: {enabled: false}\n      caps: {enabled: false}\n",
                new Needing("disco", false), new Needing("caps", false, "disco"));
    }
}
