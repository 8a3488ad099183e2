package im.parley.modules.pubsub;

import im.parley.config.ConfigSection;

/**
 * The pubsub service ({@code pubsub:} section).
 *
 * @param domain the service's subdomain: it serves {@code <domain>.<host>}
 * @param maxItems the most items one node keeps (what a node's {@code pubsub#max_items} of {@code max} means)
 */
public record PubsubConfig(String domain, int maxItems) {
    public static PubsubConfig read(ConfigSection s) {
        return new PubsubConfig(s.string("domain", "pubsub"), s.integer("max-items", 1000, 1, 1_000_000));
    }
}
