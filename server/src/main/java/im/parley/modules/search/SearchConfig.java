package im.parley.modules.search;

import im.parley.config.ConfigSection;

/**
 * The user directory ({@code search:} section).
 *
 * @param maxResults most entries one search returns (XEP-0055 itself has no paging)
 */
public record SearchConfig(int maxResults) {
    public static SearchConfig read(ConfigSection s) {
        return new SearchConfig(s.integer("max-results", 50, 1, 1000));
    }
}
