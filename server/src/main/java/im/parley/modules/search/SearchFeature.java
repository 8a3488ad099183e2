package im.parley.modules.search;

import im.parley.module.Declared;
import im.parley.modules.adhoc.AdHocCommands;
import java.util.List;
import java.util.Optional;

/** User directory search (XEP-0055); needs ad-hoc commands and vCards. Section {@code search:}. */
public final class SearchFeature extends Declared<SearchConfig> {
    public SearchFeature() {
        super("search", SearchConfig::read, (settings, services) -> {
            return new SearchModule(new JdbcDirectoryRepository(services.jdbc()), services.require(AdHocCommands.class),
                    settings);
        });
    }

    /** The feature's own tables ({@code db/search}). */
    @Override
    public Optional<String> migrations() {
        return Optional.of("classpath:db/search");
    }

    /** Searches read the vCards' tables; the search form is an ad-hoc command. */
    @Override
    public List<String> requires() {
        return List.of("vcard", "adhoc");
    }
}
