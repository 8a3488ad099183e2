package im.parley.modules.offline;

import im.parley.module.Declared;

/** Offline messages (XEP-0160). Section {@code offline:}. */
public final class OfflineFeature extends Declared<OfflineConfig> {
    public OfflineFeature() {
        super("offline", OfflineConfig::read, (config, services) -> new OfflineModule(
                new JdbcOfflineStore(services.jdbc()), services.accounts(), config, services.clock()));
    }
}
