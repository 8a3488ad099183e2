package im.parley.modules.vcard;

import im.parley.module.Declared;
import java.util.Optional;

/** vCards (XEP-0054) and avatar hashes (XEP-0153). Section {@code vcard:}. */
public final class VCardFeature extends Declared<VCardConfig> {
    public VCardFeature() {
        super("vcard", VCardConfig::read, (settings, services) -> {
            VCardRepository vcards = new JdbcVCardRepository(services.jdbc());
            services.provide(VCardRepository.class, vcards);
            VCardModule module = new VCardModule(vcards, settings);
            services.provide(VCards.class, module);
            return module;
        });
    }

    /** The feature's own tables ({@code db/vcard}). */
    @Override
    public Optional<String> migrations() {
        return Optional.of("classpath:db/vcard");
    }
}
