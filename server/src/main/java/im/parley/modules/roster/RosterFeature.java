package im.parley.modules.roster;

import im.parley.module.Declared;
import im.parley.module.PresenceAuthorization;
import java.util.Optional;

/** Rosters (RFC 6121 §2); provides {@link Roster} to the features that read rosters
 * and {@link PresenceAuthorization} to those that tell only subscribers about an account. Section {@code roster:}. */
public final class RosterFeature extends Declared<RosterConfig> {
    public RosterFeature() {
        super("roster", RosterConfig::read, (settings, services) -> {
            RosterModule module = new RosterModule(new JdbcRosterStore(services.jdbc()), services.accounts(), settings);
            Roster roster = module.roster();
            services.provide(Roster.class, roster);
            services.provide(PresenceAuthorization.class,
                    (user, requester) -> roster.subscription(user.bare(), requester.bare()).hasFrom());
            return module;
        });
    }

    /** Rosters are RFC 6121 itself: presence and delivery are decided from them. */
    @Override
    public boolean core() {
        return true;
    }

    /** The feature's own tables ({@code db/roster}). */
    @Override
    public Optional<String> migrations() {
        return Optional.of("classpath:db/roster");
    }
}
