package im.parley.modules.register;

import im.parley.config.ConfigSection;
import im.parley.module.Feature;
import im.parley.module.Module;
import im.parley.module.ModuleServices;

/** In-band registration (XEP-0077). Section {@code registration:}. */
public final class RegisterFeature implements Feature<RegistrationConfig> {
    @Override
    public String name() {
        return "registration";
    }

    @Override
    public RegistrationConfig readConfig(ConfigSection section) {
        return RegistrationConfig.read(section);
    }

    @Override
    public Module create(RegistrationConfig config, ModuleServices services) {
        return new RegisterModule(services.accounts(), config);
    }
}
