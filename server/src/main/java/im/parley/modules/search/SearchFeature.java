package im.parley.modules.search;

import im.parley.config.ConfigSection;
import im.parley.module.Feature;
import im.parley.module.Module;
import im.parley.module.ModuleServices;
import im.parley.modules.adhoc.AdHocCommands;

/** User directory search (XEP-0055); needs ad-hoc commands. Section {@code search:}. */
public final class SearchFeature implements Feature<SearchConfig> {
    @Override
    public String name() {
        return "search";
    }

    @Override
    public SearchConfig readConfig(ConfigSection section) {
        return SearchConfig.read(section);
    }

    @Override
    public Module create(SearchConfig config, ModuleServices services) {
        return new SearchModule(new DirectoryStore(services.jdbc()), services.require(AdHocCommands.class), config);
    }
}
