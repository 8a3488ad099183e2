package im.parley.bench.provision;

import im.parley.ParleyServer;
import im.parley.account.AccountService;
import im.parley.bench.client.Target;
import im.parley.config.ParleyConfig;
import im.parley.store.Database;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Creates bench accounts straight in a stopped Parley's store, through the server's own
 * {@link AccountService} (so credentials are derived exactly as at registration). Logging in
 * 10,000 users needs 10,000 accounts, and the command line's one-JVM-per-account is far too slow.
 * Existing accounts are kept, so provisioning can be repeated.
 */
public final class ParleyProvisioner {
    private ParleyProvisioner() {
    }

    /** Ensures user1..userN exist with the given password; returns how many were created. */
    public static int provision(ParleyConfig config, int users, String password) {
        try (Database database = Database.open(config.store(), config.dataDir())) {
            return provision(ParleyServer.openAccounts(database), users, password);
        }
    }

    /** Same, through an open account service (the in-process smoke test uses the running server's). */
    public static int provision(AccountService accounts, int users, String password) {
        Set<String> existing = new HashSet<>(accounts.list());
        AtomicInteger created = new AtomicInteger();
        // Key derivation dominates: spread it over the cores.
        IntStream.rangeClosed(1, users).parallel()
                .mapToObj(Target::username)
                .filter(name -> !existing.contains(name))
                .forEach(name -> {
                    accounts.create(name, password);
                    created.incrementAndGet();
                });
        return created.get();
    }
}
