package im.parley.modules.vcard;

import im.parley.config.ConfigSection;
import im.parley.module.Feature;
import im.parley.module.Module;
import im.parley.module.ModuleServices;

/** vCards (XEP-0054) and avatar hashes (XEP-0153). Section {@code vcard:}. */
public final class VCardFeature implements Feature<VCardConfig> {
    @Override
    public String name() {
        return "vcard";
    }

    @Override
    public VCardConfig readConfig(ConfigSection section) {
        return VCardConfig.read(section);
    }

    @Override
    public Module create(VCardConfig config, ModuleServices services) {
        return new VCardModule(new VCardStore(services.jdbc()), config);
    }
}
