package im.parley.modules.blocking;

import im.parley.module.Declared;
import im.parley.modules.adhoc.AdHocCommands;
import im.parley.modules.roster.Roster;
import java.util.List;
import java.util.Optional;

/** Blocking (XEP-0191) and spam reports (XEP-0377); needs the roster and ad-hoc commands. Section {@code blocking:}. */
public final class BlockingFeature extends Declared<Void> {
    public BlockingFeature() {
        super("blocking", services -> {
            Blocklists blocklists = new Blocklists(new JdbcBlocklistRepository(services.jdbc()));
            services.accounts().onDeletion(blocklists::forget);
            return new BlockingModule(blocklists, services.require(Roster.class),
                    new JdbcAbuseReportRepository(services.jdbc()), services.require(AdHocCommands.class),
                    services.admins(), services.clock());
        });
    }

    /** The feature's own tables ({@code db/blocking}). */
    @Override
    public Optional<String> migrations() {
        return Optional.of("classpath:db/blocking");
    }

    @Override
    public List<String> requires() {
        return List.of("roster", "adhoc");
    }
}
