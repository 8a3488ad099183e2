package im.parley.modules.privacy;

import im.parley.store.KeyValueStore;
import im.parley.store.ReadThroughCache;
import im.parley.xmpp.Jid;
import java.time.Clock;
import java.util.function.Predicate;

/**
 * Each user's "refuse messages from strangers" choice, kept in a key-value store ("true" or
 * "false", stamped with when it was chosen) and read through a cache: every message to a local
 * user asks for the recipient's choice. Users who never chose get the default of their host.
 */
public final class StrangerSettings {
    /** Users whose choice is kept; past this the least used go first. */
    private static final int MAX_CACHED_USERS = 100_000;

    private final KeyValueStore store;
    private final Clock clock;
    private final ReadThroughCache<Jid, Boolean> refusing;

    /** @param refuseByDefault the choice of a user who never chose, by user (their host's {@code refuse-strangers-default}) */
    public StrangerSettings(KeyValueStore store, Predicate<Jid> refuseByDefault, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.refusing = new ReadThroughCache<>(MAX_CACHED_USERS, user -> store.get(user)
                .map(choice -> Boolean.parseBoolean(choice.text())).orElseGet(() -> refuseByDefault.test(user)));
    }

    public boolean refusesStrangers(Jid user) {
        return refusing.get(user);
    }

    public void setRefuseStrangers(Jid user, boolean refuse) {
        refusing.write(user, previous -> {
            store.set(user, new KeyValueStore.Value(Boolean.toString(refuse), clock.instant()));
            return refuse;
        });
    }

    /** Forgets a deleted account's choice (its row goes with the account). */
    public void forget(Jid user) {
        refusing.invalidate(user);
    }
}
