package im.parley.modules.search;

import im.parley.module.Declared;
import im.parley.modules.adhoc.AdHocCommands;
import im.parley.modules.vcard.VCardRepository;
import java.util.Optional;

/** User directory search (XEP-0055); needs ad-hoc commands and vCards. Section {@code search:}. */
public final class SearchFeature extends Declared<SearchConfig> {
    public SearchFeature() {
        super("search", SearchConfig::read, (config, services) -> {
            // Searches read the vCards' tables: the vCard feature must be on.
            services.require(VCardRepository.class);
            return new SearchModule(new JdbcDirectoryRepository(services.jdbc()), services.require(AdHocCommands.class),
                    config);
        });
    }

    /** The feature's own tables ({@code db/search}). */
    @Override
    public Optional<String> migrations() {
        return Optional.of("classpath:db/search");
    }
}
