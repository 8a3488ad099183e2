package im.parley.modules.disco;

import im.parley.module.Feature;
import im.parley.module.Module;
import im.parley.module.ModuleServices;

/** Service discovery (XEP-0030), generated from what the other modules declare. Section {@code disco:}. */
public final class DiscoFeature implements Feature<Void> {
    @Override
    public String name() {
        return "disco";
    }

    @Override
    public Module create(Void config, ModuleServices services) {
        return new DiscoModule(services.declarations(), services.softwareName());
    }
}
