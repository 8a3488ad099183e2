package im.parley.modules.roster;

import im.parley.config.ConfigSection;
import im.parley.module.Feature;
import im.parley.module.Module;
import im.parley.module.ModuleServices;

/** Rosters (RFC 6121 §2); provides {@link Roster} to the features that read rosters. Section {@code roster:}. */
public final class RosterFeature implements Feature<RosterConfig> {
    @Override
    public String name() {
        return "roster";
    }

    @Override
    public RosterConfig readConfig(ConfigSection section) {
        return RosterConfig.read(section);
    }

    @Override
    public Module create(RosterConfig config, ModuleServices services) {
        RosterModule module = new RosterModule(new JdbcRosterStore(services.jdbc()), services.accounts(), config);
        services.provide(Roster.class, module.roster());
        return module;
    }
}
