package im.parley.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * The sections of the configuration file that belong to features ({@code vcard:},
 * {@code roster:} ...), kept unread until the features are known: each feature reads its own
 * section, and a key no feature claimed stops start-up like any unknown key, with its line. The
 * top level's also hold each virtual host's own feature sections ({@code hosts: [- example.net:
 * {vcard: ...}]}), which a feature reads overlaid on its global section.
 * Immutable, so one configuration can start a server more than once.
 */
public final class ModuleSections {
    private final String source;
    /** "" for the top level, "hosts.example.net." for a host's sections. */
    private final String prefix;
    private final Map<String, NodeTuple> sections;
    /** Each host's sections, in configuration order (top level only). */
    private final Map<String, ModuleSections> hosts;

    ModuleSections(String source, String prefix, Map<String, NodeTuple> sections) {
        this(source, prefix, sections, Map.of());
    }

    private ModuleSections(String source, String prefix, Map<String, NodeTuple> sections,
            Map<String, ModuleSections> hosts) {
        this.source = source;
        this.prefix = prefix;
        this.sections = Map.copyOf(sections);
        this.hosts = hosts;
    }

    /** These sections with the virtual hosts' own, host by host. */
    ModuleSections withHosts(List<ConfigSection.Named<String>> hostSections) {
        Map<String, ModuleSections> byHost = new LinkedHashMap<>();
        hostSections.forEach(host -> byHost.put(host.name(), host.sections()));
        return new ModuleSections(source, prefix, sections, byHost);
    }

    /** Reads the section {@code name} with {@code reader}; an absent section gives all defaults. */
    public <T> T read(String name, Function<ConfigSection, T> reader) {
        return ConfigSection.readSection(source, prefix, name, sections.get(name), reader);
    }

    /** Whether {@code host} has a section {@code name} of its own. */
    public boolean hostHas(String host, String name) {
        ModuleSections own = hosts.get(host);
        return own != null && own.sections.containsKey(name);
    }

    /**
     * Reads the section {@code name} for {@code host}: the host's own overlaid on the global one,
     * keys the host writes winning.
     */
    public <T> T readForHost(String host, String name, Function<ConfigSection, T> reader) {
        ModuleSections own = hosts.get(host);
        return ConfigSection.readOverlaid(source, own.prefix, name, sections.get(name), own.sections.get(name), reader);
    }

    /** Throws for a key of {@code name}'s section under a host that is one of {@code serverWide}, naming it and its line. */
    public void refuseOnHosts(String name, Set<String> serverWide) {
        for (ModuleSections own : hosts.values()) {
            NodeTuple section = own.sections.get(name);
            if (section == null) {
                continue;
            }
            for (Map.Entry<String, NodeTuple> key : ConfigSection.keysOf(section, source).entrySet()) {
                if (serverWide.contains(key.getKey())) {
                    throw ConfigSection.misplacedKey(source, own.prefix + name + "." + key.getKey(), key.getValue(),
                            "an option of the whole server, not of one host: set it in the top-level '" + name
                                    + ":' section");
                }
            }
        }
    }

    /** Throws for a section none of {@code known} names, at the top level or under a host, naming the key and its line. */
    public void requireKnown(Set<String> known) {
        for (Map.Entry<String, NodeTuple> section : sections.entrySet()) {
            if (!known.contains(section.getKey())) {
                throw ConfigSection.unknownKey(source, prefix, section.getKey(), section.getValue());
            }
        }
        for (ModuleSections own : hosts.values()) {
            own.requireKnown(known);
        }
    }
}
