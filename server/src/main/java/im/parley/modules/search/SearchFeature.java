package im.parley.modules.search;

import im.parley.module.Declared;
import im.parley.modules.adhoc.AdHocCommands;

/** User directory search (XEP-0055); needs ad-hoc commands. Section {@code search:}. */
public final class SearchFeature extends Declared<SearchConfig> {
    public SearchFeature() {
        super("search", SearchConfig::read, (config, services) ->
                new SearchModule(new DirectoryStore(services.jdbc()), services.require(AdHocCommands.class), config));
    }
}
