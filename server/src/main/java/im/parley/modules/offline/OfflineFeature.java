package im.parley.modules.offline;

import im.parley.module.Declared;
import java.util.Optional;

/** Offline messages (XEP-0160). Section {@code offline:}. */
public final class OfflineFeature extends Declared<OfflineConfig> {
    public OfflineFeature() {
        super("offline", OfflineConfig::read, (config, services) -> new OfflineModule(
                new JdbcOfflineStore(services.jdbc()), services.accounts(), config, services.clock()));
    }

    /** The feature's own tables ({@code db/offline}). */
    @Override
    public Optional<String> migrations() {
        return Optional.of("classpath:db/offline");
    }
}
