package im.parley.modules.lastactivity;

import im.parley.module.Feature;
import im.parley.module.Module;
import im.parley.module.ModuleServices;
import im.parley.modules.roster.Roster;

/** Last activity (XEP-0012); needs the roster (who may ask). Section {@code last-activity:}. */
public final class LastActivityFeature implements Feature<Void> {
    @Override
    public String name() {
        return "last-activity";
    }

    @Override
    public Module create(Void config, ModuleServices services) {
        Roster rosters = services.require(Roster.class);
        return new LastActivityModule(new LastLogoutStore(services.jdbc()),
                (user, requester) -> rosters.subscription(user.bare(), requester.bare()).hasFrom(), services.clock());
    }
}
