package im.parley.modules.presence;

import im.parley.module.Feature;
import im.parley.module.Module;
import im.parley.module.ModuleServices;
import im.parley.modules.roster.Roster;

/** Presence (RFC 6121 §4); needs the roster. Section {@code presence:}. */
public final class PresenceFeature implements Feature<Void> {
    @Override
    public String name() {
        return "presence";
    }

    @Override
    public Module create(Void config, ModuleServices services) {
        return new PresenceModule(services.require(Roster.class), new JdbcLastPresenceStore(services.jdbc()),
                services.accounts(), services.clock());
    }
}
