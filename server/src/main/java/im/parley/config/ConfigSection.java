package im.parley.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One mapping of a YAML configuration file, read key by key. Each getter names one option, its
 * default and its validation, so a section record reads as the list of its options. Keys the
 * reader never asks for are reported as unknown once the section has been read.
 *
 * <p>Values are taken from the YAML nodes' source text rather than from YAML's type guesses,
 * so that {@code password: 0123} stays {@code "0123"} and errors can quote what was written.
 * A key that is absent or explicitly null ({@code key:} or {@code key: ~}) takes its default.
 */
public final class ConfigSection {
    private final String source;
    /** Dotted path of this section with a trailing dot, "" for the top level. */
    private final String prefix;
    /** The keys no getter has asked for yet, with their key and value nodes. */
    private final Map<String, NodeTuple> unread;
    /** The keys getters have asked for that the file wrote, with their entries (for {@link #written}). */
    private final Map<String, NodeTuple> read = new LinkedHashMap<>();

    private ConfigSection(String source, String prefix, Map<String, NodeTuple> entries) {
        this.source = source;
        this.prefix = prefix;
        this.unread = entries;
    }

    /**
     * Reads a whole document with {@code reader}; {@code root} is the document's top node, or
     * null for an empty document.
     */
    static <T> T readDocument(Node root, String source, Function<ConfigSection, T> reader) {
        if (root != null && !isNull(root) && !(root instanceof MappingNode)) {
            throw new ConfigException(source + ": expected a mapping of keys at the top level");
        }
        return new ConfigSection(source, "", entries(root, source, "")).readWith(reader);
    }

    /** Reads a nested section ({@code c2s:}) with {@code reader}; an absent section gives all defaults. */
    public <T> T section(String key, Function<ConfigSection, T> reader) {
        Node node = take(key);
        if (node != null && !(node instanceof MappingNode)) {
            throw invalid(key, "a section of keys", node);
        }
        String path = prefix + key + ".";
        return new ConfigSection(source, path, entries(node, source, path)).readWith(reader);
    }

    public String string(String key, String defaultValue) {
        Node node = take(key);
        return node == null ? defaultValue : scalar(key, node, "a string");
    }

    public boolean bool(String key, boolean defaultValue) {
        Node node = take(key);
        if (node == null) {
            return defaultValue;
        }
        String text = scalar(key, node, "true or false");
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, "true or false", node);
        };
    }

    /** An integer in {@code min..max}. */
    public int integer(String key, int defaultValue, int min, int max) {
        String expected = max == Integer.MAX_VALUE ? "an integer >= " + min : "an integer " + min + "-" + max;
        return integer(key, defaultValue, min, max, expected);
    }

    /** A TCP port; 0 asks the system for a free one (tests). */
    public int port(String key, int defaultValue) {
        return integer(key, defaultValue, 0, 65535, "a port number 0-65535");
    }

    /** A TCP port, or -1 to switch the listener off. */
    public int portOrOff(String key, int defaultValue) {
        return integer(key, defaultValue, -1, 65535, "a port number 0-65535 or -1 (off)");
    }

    /** One of the constants of {@code E}, written in lower case with dashes ({@code REFUSE} is "refuse"). */
    public <E extends Enum<E>> E choice(String key, E defaultValue) {
        Node node = take(key);
        if (node == null) {
            return defaultValue;
        }
        E[] constants = defaultValue.getDeclaringClass().getEnumConstants();
        String expected = "one of " + Arrays.stream(constants).map(ConfigSection::configName)
                .collect(Collectors.joining(", "));
        String text = scalar(key, node, expected);
        for (E constant : constants) {
            if (configName(constant).equals(text)) {
                return constant;
            }
        }
        throw invalid(key, expected, node);
    }

    /**
     * A string turned into a value by {@code parse}, which throws {@link IllegalArgumentException}
     * (with a message saying why) for an invalid one.
     */
    public <T> T parsed(String key, T defaultValue, String expected, Function<String, T> parse) {
        Node node = take(key);
        return node == null ? defaultValue : parse(key, node, expected, parse);
    }

    /** A list of strings, each turned into a value by {@code parse} like {@link #parsed}. */
    public <T> List<T> list(String key, List<T> defaultValue, String expected, Function<String, T> parse) {
        Node node = take(key);
        if (node == null) {
            return defaultValue;
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw invalid(key, "a list of " + expected, node);
        }
        List<T> result = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            result.add(parse(key + "[" + result.size() + "]", item, expected, parse));
        }
        return List.copyOf(result);
    }

    /** A list of sections ({@code - domain: a.example}), each read with {@code reader}; empty when absent. */
    public <T> List<T> sectionList(String key, Function<ConfigSection, T> reader) {
        Node node = take(key);
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw invalid(key, "a list of sections", node);
        }
        List<T> result = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            String itemKey = key + "[" + result.size() + "]";
            if (!(item instanceof MappingNode)) {
                throw invalid(itemKey, "a section of keys", item);
            }
            String path = prefix + itemKey + ".";
            result.add(new ConfigSection(source, path, entries(item, source, path)).readWith(reader));
        }
        return List.copyOf(result);
    }

    /**
     * A mapping of names to values ({@code routes: {example.net: "host:5269"}}), each key and each
     * value a string parsed like {@link #parsed}; empty when absent.
     */
    public <K, V> Map<K, V> map(String key, String expectedKey, Function<String, K> parseKey, String expectedValue,
            Function<String, V> parseValue) {
        Node node = take(key);
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof MappingNode mapping)) {
            throw invalid(key, "a mapping of " + expectedKey + " to " + expectedValue, node);
        }
        Map<K, V> result = new LinkedHashMap<>();
        for (NodeTuple entry : mapping.getValue()) {
            K name = parse(key, entry.getKeyNode(), expectedKey, parseKey);
            result.put(name, parse(key + "." + name, entry.getValueNode(), expectedValue, parseValue));
        }
        return result;
    }

    /**
     * A list whose items are names (parsed like {@link #parsed}), each of which may carry a section
     * of feature sections of its own: {@code - example.org} or {@code - example.net: {vcard: ...}}
     * (virtual hosts); null when absent. The items' sections are kept unread for the features.
     */
    public <T> List<Named<T>> namedSections(String key, String expected, Function<String, T> parse) {
        Node node = take(key);
        if (node == null) {
            return null;
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw invalid(key, "a list of " + expected, node);
        }
        List<Named<T>> result = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            String itemKey = key + "[" + result.size() + "]";
            if (item instanceof MappingNode mapping && mapping.getValue().size() == 1) {
                NodeTuple entry = mapping.getValue().getFirst();
                T name = parse(itemKey, entry.getKeyNode(), expected, parse);
                Node sections = entry.getValueNode();
                String path = prefix + key + "." + name + ".";
                if (!isNull(sections) && !(sections instanceof MappingNode)) {
                    throw new ConfigException(path.substring(0, path.length() - 1) + ": expected a section of feature"
                            + " sections, got " + describe(sections) + " in " + where(sections));
                }
                result.add(new Named<>(name, new ModuleSections(source, path, entries(sections, source, path))));
            } else if (item instanceof MappingNode) {
                throw invalid(itemKey, expected + ", each alone or with one section of its own", item);
            } else {
                T name = parse(itemKey, item, expected, parse);
                result.add(new Named<>(name, new ModuleSections(source, prefix + key + "." + name + ".", Map.of())));
            }
        }
        return List.copyOf(result);
    }

    /** An item of {@link #namedSections}: its name and the feature sections written under it. */
    public record Named<T>(T name, ModuleSections sections) {
    }

    /** An error about a combination of this section's keys, which no single getter can check. */
    public ConfigException error(String message) {
        return new ConfigException(message + " in " + source);
    }

    /** An error about the value of {@code key}, which the file wrote: names the key and its line. */
    public ConfigException error(String key, String message) {
        NodeTuple entry = read.containsKey(key) ? read.get(key) : unread.get(key);
        String at = entry == null ? source : where(entry.getValueNode());
        return new ConfigException(prefix + key + ": " + message + " in " + at);
    }

    /**
     * The text the file wrote for {@code key}, whether a getter has read it already or not; for an
     * option whose meaning depends on whether another was written at all.
     */
    public Optional<String> written(String key) {
        NodeTuple entry = read.containsKey(key) ? read.get(key) : unread.get(key);
        Node node = entry == null ? null : entry.getValueNode();
        return node instanceof ScalarNode scalar && !isNull(node) ? Optional.of(scalar.getValue()) : Optional.empty();
    }

    /**
     * Hands the keys no getter has asked for yet to their owners: the top level keeps its own
     * keys and leaves the rest to the features, each of which reads its own section.
     */
    public ModuleSections remaining() {
        ModuleSections rest = new ModuleSections(source, prefix, unread);
        unread.clear();
        return rest;
    }

    private <T> T readWith(Function<ConfigSection, T> reader) {
        T result = reader.apply(this);
        if (!unread.isEmpty()) {
            Map.Entry<String, NodeTuple> first = unread.entrySet().iterator().next();
            throw unknownKey(first.getKey(), first.getValue());
        }
        return result;
    }

    /** Names the key where it is written (a section's value starts on the line after). */
    private ConfigException unknownKey(String key, NodeTuple entry) {
        return unknownKey(source, prefix, key, entry);
    }

    /**
     * Reads a section taken out of the document earlier ({@link ModuleSections}) at {@code prefix};
     * null entry: all defaults.
     */
    static <T> T readSection(String source, String prefix, String key, NodeTuple entry,
            Function<ConfigSection, T> reader) {
        ConfigSection top = new ConfigSection(source, prefix, new LinkedHashMap<>());
        if (entry != null) {
            top.unread.put(key, entry);
        }
        return top.section(key, reader);
    }

    /**
     * Reads a host's section ({@code over}, at {@code prefix}) overlaid on the global one
     * ({@code under}, null when absent): the keys the host writes win, the others come from the
     * global section, each error naming the line that wrote the key.
     */
    static <T> T readOverlaid(String source, String prefix, String key, NodeTuple under, NodeTuple over,
            Function<ConfigSection, T> reader) {
        ConfigSection top = new ConfigSection(source, prefix, new LinkedHashMap<>());
        Map<String, NodeTuple> merged = new LinkedHashMap<>();
        for (NodeTuple entry : new NodeTuple[] {under, over}) {
            if (entry != null) {
                top.unread.put(key, entry);
                Node node = top.take(key);
                if (node != null && !(node instanceof MappingNode)) {
                    throw top.invalid(key, "a section of keys", node);
                }
                merged.putAll(entries(node, source, prefix + key + "."));
            }
        }
        return new ConfigSection(source, prefix + key + ".", merged).readWith(reader);
    }

    /** The error for a key of a section that neither the core nor any feature reads, naming it where it is written. */
    static ConfigException unknownKey(String source, String prefix, String key, NodeTuple entry) {
        return new ConfigException("unknown key '" + prefix + key + "' in " + where(source, entry.getKeyNode()));
    }

    /** An error about a key that is valid elsewhere but not here, naming it where it is written. */
    static ConfigException misplacedKey(String source, String path, NodeTuple entry, String message) {
        return new ConfigException(path + ": " + message + " in " + where(source, entry.getKeyNode()));
    }

    /** The keys written in the section of {@code entry}, with their entries (none for an empty or non-mapping value). */
    static Map<String, NodeTuple> keysOf(NodeTuple entry, String source) {
        Node node = entry.getValueNode();
        return node instanceof MappingNode ? entries(node, source, "") : Map.of();
    }

    private <T> T parse(String key, Node node, String expected, Function<String, T> parse) {
        String text = scalar(key, node, expected);
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(prefix + key + ": expected " + expected + ", got '" + text + "' ("
                    + e.getMessage() + ") in " + where(node), e);
        }
    }

    private int integer(String key, int defaultValue, int min, int max, String expected) {
        Node node = take(key);
        if (node == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(scalar(key, node, expected));
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, like a value out of range
        }
        throw invalid(key, expected, node);
    }

    /** Removes and returns the node of {@code key}, or null when absent or explicitly null. */
    private Node take(String key) {
        NodeTuple entry = unread.remove(key);
        if (entry != null) {
            read.put(key, entry);
        }
        Node node = entry == null ? null : entry.getValueNode();
        return node == null || isNull(node) ? null : node;
    }

    private String scalar(String key, Node node, String expected) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        throw invalid(key, expected, node);
    }

    private ConfigException invalid(String key, String expected, Node node) {
        return new ConfigException(prefix + key + ": expected " + expected + ", got " + describe(node) + " in "
                + where(node));
    }

    private static String describe(Node node) {
        return node instanceof ScalarNode scalar ? "'" + scalar.getValue() + "'"
                : node instanceof SequenceNode ? "a list" : "a section";
    }

    /** "parley.yml line 3", or just the source name if the parser kept no position. */
    private String where(Node node) {
        return where(source, node);
    }

    private static String where(String source, Node node) {
        return source + node.getStartMark().map(mark -> " line " + (mark.getLine() + 1)).orElse("");
    }

    private static Map<String, NodeTuple> entries(Node mapping, String source, String prefix) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        if (mapping instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "?";
                if (entries.put(key, tuple) != null) {
                    throw new ConfigException("duplicate key '" + prefix + key + "' in " + source);
                }
            }
        }
        return entries;
    }

    private static boolean isNull(Node node) {
        return Tag.NULL.equals(node.getTag());
    }

    private static String configName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
