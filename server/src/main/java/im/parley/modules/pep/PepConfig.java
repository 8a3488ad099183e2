package im.parley.modules.pep;

import im.parley.config.ConfigSection;

/**
 * Personal eventing ({@code pep:} section).
 *
 * @param maxItems the most items one node keeps (what a node's {@code pubsub#max_items} of {@code max} means)
 */
public record PepConfig(int maxItems) {
    public static PepConfig read(ConfigSection s) {
        return new PepConfig(s.integer("max-items", 1000, 1, 1_000_000));
    }
}
