package im.parley.modules.offline;

import im.parley.module.Declared;
import java.util.Optional;

/** Offline messages (XEP-0160). Section {@code offline:}. */
public final class OfflineFeature extends Declared<OfflineConfig> {
    public OfflineFeature() {
        super("offline", OfflineConfig::read, (settings, services) -> new OfflineModule(
                new JdbcOfflineStore(services.jdbc()), services.accounts(), settings, services.clock()));
    }

    /** The feature's own tables ({@code db/offline}). */
    @Override
    public Optional<String> migrations() {
        return Optional.of("classpath:db/offline");
    }
}
