package im.parley.modules.disco;

import im.parley.module.Declared;
import im.parley.modules.roster.Roster;

/**
 * Service discovery (XEP-0030), generated from what the other modules declare; needs the roster
 * (who may discover an account, §8). Section {@code disco:}.
 */
public final class DiscoFeature extends Declared<Void> {
    public DiscoFeature() {
        super("disco", services -> {
            Roster rosters = services.require(Roster.class);
            return new DiscoModule(services.declarations(), services.softwareName(),
                    (user, requester) -> rosters.subscription(user.bare(), requester.bare()).hasFrom());
        });
    }
}
