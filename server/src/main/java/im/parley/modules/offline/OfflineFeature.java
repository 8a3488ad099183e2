package im.parley.modules.offline;

import im.parley.config.ConfigSection;
import im.parley.module.Feature;
import im.parley.module.Module;
import im.parley.module.ModuleServices;

/** Offline messages (XEP-0160). Section {@code offline:}. */
public final class OfflineFeature implements Feature<OfflineConfig> {
    @Override
    public String name() {
        return "offline";
    }

    @Override
    public OfflineConfig readConfig(ConfigSection section) {
        return OfflineConfig.read(section);
    }

    @Override
    public Module create(OfflineConfig config, ModuleServices services) {
        return new OfflineModule(new JdbcOfflineStore(services.jdbc()), services.accounts(), config, services.clock());
    }
}
