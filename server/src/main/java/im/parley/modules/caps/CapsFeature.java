package im.parley.modules.caps;

import im.parley.config.ConfigSection;
import im.parley.module.Feature;
import im.parley.module.Module;
import im.parley.module.ModuleServices;

/** Entity capabilities (XEP-0115): the server's caps and a verified cache of clients'. Section {@code caps:}. */
public final class CapsFeature implements Feature<CapsConfig> {
    @Override
    public String name() {
        return "caps";
    }

    @Override
    public CapsConfig readConfig(ConfigSection section) {
        return CapsConfig.read(section);
    }

    @Override
    public Module create(CapsConfig config, ModuleServices services) {
        return new CapsModule(services.declarations(), config);
    }
}
