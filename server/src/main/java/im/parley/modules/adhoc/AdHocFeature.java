package im.parley.modules.adhoc;

import im.parley.module.Feature;
import im.parley.module.Module;
import im.parley.module.ModuleServices;

/** Ad-hoc commands (XEP-0050); provides {@link AdHocCommands}, where other features add theirs. Section {@code adhoc:}. */
public final class AdHocFeature implements Feature<Void> {
    @Override
    public String name() {
        return "adhoc";
    }

    @Override
    public Module create(Void config, ModuleServices services) {
        AdHocCommands commands = new AdHocCommands();
        services.provide(AdHocCommands.class, commands);
        return new AdHocModule(commands, services.clock());
    }
}
