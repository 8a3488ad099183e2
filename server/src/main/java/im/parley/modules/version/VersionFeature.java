package im.parley.modules.version;

import im.parley.module.Feature;
import im.parley.module.Module;
import im.parley.module.ModuleServices;

/** Software version (XEP-0092). Section {@code version:}. */
public final class VersionFeature implements Feature<Void> {
    @Override
    public String name() {
        return "version";
    }

    @Override
    public Module create(Void config, ModuleServices services) {
        return new VersionModule(services.softwareName(), services.softwareVersion());
    }
}
