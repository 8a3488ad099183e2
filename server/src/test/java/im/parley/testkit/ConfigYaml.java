package im.parley.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Configuration overrides for a test server, written as the YAML of {@code parley.yml} and laid
 * over the defaults key by key: {@code "c2s:\n  require-tls: false\n"} changes that one key of
 * the c2s section and keeps the others; a key set to null ({@code "domain: ~\n"}) is removed, as
 * in a JSON merge patch (RFC 7386).
 */
final class ConfigYaml {
    private ConfigYaml() {
    }

    /** {@code base} with every key of each override in turn put in, sections merged rather than replaced. */
    static String merge(String base, String... overrides) {
        Map<String, Object> merged = read(base);
        for (String override : overrides) {
            mergeInto(merged, read(override));
        }
        DumpSettings block = DumpSettings.builder().setSchema(new CoreSchema())
                .setDefaultFlowStyle(FlowStyle.BLOCK).build();
        return new Dump(block).dumpToString(merged);
    }

    @SuppressWarnings("unchecked")
    private static void mergeInto(Map<String, Object> target, Map<String, Object> override) {
        override.forEach((key, value) -> {
            if (value == null) {
                target.remove(key);
            } else if (value instanceof Map<?, ?> section && target.get(key) instanceof Map<?, ?> existing) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) existing);
                mergeInto(copy, (Map<String, Object>) section);
                target.put(key, copy);
            } else {
                target.put(key, value);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String yaml) {
        Object document = yaml.isBlank() ? null : new Load(LoadSettings.builder().setSchema(new CoreSchema()).build()).loadFromString(yaml);
        if (document == null) {
            return new LinkedHashMap<>();
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("configuration overrides must be a YAML mapping: " + yaml);
        }
        return new LinkedHashMap<>((Map<String, Object>) map);
    }
}
