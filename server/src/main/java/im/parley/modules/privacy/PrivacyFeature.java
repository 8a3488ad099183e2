package im.parley.modules.privacy;

import im.parley.config.ConfigSection;
import im.parley.module.Feature;
import im.parley.module.Module;
import im.parley.module.ModuleServices;
import im.parley.modules.adhoc.AdHocCommands;
import im.parley.modules.roster.Roster;

/** Refusing messages from people not in one's roster; needs the roster and ad-hoc commands. Section {@code privacy:}. */
public final class PrivacyFeature implements Feature<PrivacyConfig> {
    @Override
    public String name() {
        return "privacy";
    }

    @Override
    public PrivacyConfig readConfig(ConfigSection section) {
        return PrivacyConfig.read(section);
    }

    @Override
    public Module create(PrivacyConfig config, ModuleServices services) {
        StrangerSettings strangers = new StrangerSettings(services.jdbc(), config.refuseStrangersDefault());
        services.accounts().onDeletion(account -> strangers.forget(account.local()));
        Roster rosters = services.require(Roster.class);
        return new RefuseStrangersModule(strangers, rosters::isInRoster, services.require(AdHocCommands.class));
    }
}
