package im.parley.modules.lastactivity;

import im.parley.module.Declared;
import im.parley.modules.roster.Roster;

/** Last activity (XEP-0012); needs the roster (who may ask). Section {@code last-activity:}. */
public final class LastActivityFeature extends Declared<Void> {
    public LastActivityFeature() {
        super("last-activity", services -> {
            Roster rosters = services.require(Roster.class);
            return new LastActivityModule(services.keyValueStore("last_logout"),
                    (user, requester) -> rosters.subscription(user.bare(), requester.bare()).hasFrom(),
                    services.clock());
        });
    }
}
