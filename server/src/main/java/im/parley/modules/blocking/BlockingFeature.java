package im.parley.modules.blocking;

import im.parley.module.Feature;
import im.parley.module.Module;
import im.parley.module.ModuleServices;
import im.parley.modules.adhoc.AdHocCommands;
import im.parley.modules.roster.Roster;

/** Blocking (XEP-0191) and spam reports (XEP-0377); needs the roster and ad-hoc commands. Section {@code blocking:}. */
public final class BlockingFeature implements Feature<Void> {
    @Override
    public String name() {
        return "blocking";
    }

    @Override
    public Module create(Void config, ModuleServices services) {
        Blocklists blocklists = new Blocklists(new JdbcBlocklistRepository(services.jdbc()));
        services.accounts().onDeletion(account -> blocklists.forget(account.local()));
        return new BlockingModule(blocklists, services.require(Roster.class),
                new JdbcAbuseReportRepository(services.jdbc()), services.require(AdHocCommands.class), services.admins(),
                services.clock());
    }
}
