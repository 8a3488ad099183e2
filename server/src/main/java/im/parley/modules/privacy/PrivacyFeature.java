package im.parley.modules.privacy;

import im.parley.module.Declared;
import im.parley.modules.adhoc.AdHocCommands;
import im.parley.modules.roster.Roster;
import java.util.List;

/**
 * Refusing messages from people not in one's roster; needs the roster and ad-hoc commands. Section
 * {@code privacy:}.
 */
public final class PrivacyFeature extends Declared<PrivacyConfig> {
    public PrivacyFeature() {
        super("privacy", PrivacyConfig::read, (settings, services) -> {
            StrangerSettings strangers = new StrangerSettings(services.keyValueStore("refuse_strangers"),
                    user -> settings.of(user.domain()).refuseStrangersDefault(), services.clock());
            services.accounts().onDeletion(strangers::forget);
            Roster rosters = services.require(Roster.class);
            return new RefuseStrangersModule(strangers, rosters::isInRoster, services.require(AdHocCommands.class));
        });
    }

    @Override
    public List<String> requires() {
        return List.of("roster", "adhoc");
    }
}
