package im.parley.bench.provision;

import im.parley.ParleyServer;
import im.parley.account.AccountService;
import im.parley.bench.client.Target;
import im.parley.bench.scenario.ContactRing;
import im.parley.config.ParleyConfig;
import im.parley.modules.roster.JdbcRosterStore;
import im.parley.modules.roster.RosterItem;
import im.parley.modules.roster.RosterStore;
import im.parley.modules.roster.Subscription;
import im.parley.store.Database;
import im.parley.store.Jdbc;
import im.parley.xmpp.Jid;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Creates bench accounts and rosters straight in a stopped Parley's store, through the server's
 * own {@link AccountService} (so credentials are derived exactly as at registration) and
 * {@link JdbcRosterStore}. Logging in 10,000 users needs 10,000 accounts, and the command line's
 * one-JVM-per-account is far too slow. Existing accounts are kept and rosters replaced, so
 * provisioning can be repeated.
 */
public final class ParleyProvisioner {
    /** Users whose rosters are written in one transaction (one per item took 2.4 times as long here). */
    private static final int USERS_PER_TRANSACTION = 100;

    private ParleyProvisioner() {
    }

    /**
     * Ensures the ring's users exist with the given password and that their rosters hold exactly
     * their ring contacts (empty for a ring without contacts); returns how many accounts were created.
     */
    public static int provision(ParleyConfig config, ContactRing ring, String password) {
        try (Database database = Database.open(config.store(), config.dataDir())) {
            database.migrate("roster", "classpath:db/roster");
            int created = provision(ParleyServer.openAccounts(database), config.domain(), ring.users(), password);
            writeRosters(database.jdbc(), config.domain(), ring);
            return created;
        }
    }

    /** Ensures user1..userN exist, through an open account service (the in-process smoke test uses the running server's). */
    public static int provision(AccountService accounts, String domain, int users, String password) {
        Set<Jid> existing = new HashSet<>(accounts.list(domain));
        AtomicInteger created = new AtomicInteger();
        // Key derivation dominates: spread it over the cores.
        IntStream.rangeClosed(1, users).parallel()
                .mapToObj(user -> Jid.of(Target.username(user), domain, null))
                .filter(user -> !existing.contains(user))
                .forEach(user -> {
                    accounts.create(user, password);
                    created.incrementAndGet();
                });
        return created.get();
    }

    private static void writeRosters(Jdbc jdbc, String domain, ContactRing ring) {
        for (int first = 1; first <= ring.users(); first += USERS_PER_TRANSACTION) {
            int from = first;
            int to = Math.min(first + USERS_PER_TRANSACTION - 1, ring.users());
            // The store joins the enclosing transaction.
            jdbc.inTransaction(tx -> {
                RosterStore store = new JdbcRosterStore(tx);
                for (int user = from; user <= to; user++) {
                    replaceRoster(store, domain, ring, user);
                }
                return null;
            });
        }
    }

    private static void replaceRoster(RosterStore store, String domain, ContactRing ring, int user) {
        Jid owner = Jid.of(Target.username(user), domain, null);
        store.deleteAll(owner);
        for (int k = 0; k < ring.contacts(); k++) {
            Jid contact = Jid.of(Target.username(ring.contact(user, k)), domain, null);
            store.save(owner, new RosterItem(contact, null, Subscription.BOTH, false, false, Set.of()));
        }
    }
}
