package im.parley.modules.admin;

import im.parley.module.Feature;
import im.parley.module.Module;
import im.parley.module.ModuleServices;
import im.parley.modules.adhoc.AdHocCommands;

/** Service administration (XEP-0133); needs ad-hoc commands. Section {@code admin:}. */
public final class AdminFeature implements Feature<Void> {
    @Override
    public String name() {
        return "admin";
    }

    @Override
    public Module create(Void config, ModuleServices services) {
        return new AdminModule(services.require(AdHocCommands.class), services.accounts(), services.admins());
    }
}
