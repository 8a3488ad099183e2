package im.parley.modules.privatexml;

import im.parley.config.ConfigSection;
import im.parley.module.Feature;
import im.parley.module.Module;
import im.parley.module.ModuleServices;

/** Private XML storage (XEP-0049). Section {@code private-storage:}. */
public final class PrivateXmlFeature implements Feature<PrivateXmlConfig> {
    @Override
    public String name() {
        return "private-storage";
    }

    @Override
    public PrivateXmlConfig readConfig(ConfigSection section) {
        return PrivateXmlConfig.read(section);
    }

    @Override
    public Module create(PrivateXmlConfig config, ModuleServices services) {
        return new PrivateXmlModule(new PrivateXmlStore(services.jdbc()), config);
    }
}
