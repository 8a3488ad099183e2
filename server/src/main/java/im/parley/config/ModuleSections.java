package im.parley.config;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * The top-level sections of the configuration file that belong to features ({@code vcard:},
 * {@code roster:} ...), kept unread until the features are known: each feature reads its own
 * section, and a key no feature claimed stops start-up like any unknown key, with its line.
 * Immutable, so one configuration can start a server more than once.
 */
public final class ModuleSections {
    private final String source;
    private final Map<String, NodeTuple> sections;

    ModuleSections(String source, Map<String, NodeTuple> sections) {
        this.source = source;
        this.sections = Map.copyOf(sections);
    }

    /** Reads the section {@code name} with {@code reader}; an absent section gives all defaults. */
    public <T> T read(String name, Function<ConfigSection, T> reader) {
        return ConfigSection.readSection(source, name, sections.get(name), reader);
    }

    /** Throws for a section none of {@code known} names, naming the key and its line. */
    public void requireKnown(Set<String> known) {
        for (Map.Entry<String, NodeTuple> section : sections.entrySet()) {
            if (!known.contains(section.getKey())) {
                throw ConfigSection.unknownTopLevelKey(source, section.getKey(), section.getValue());
            }
        }
    }
}
