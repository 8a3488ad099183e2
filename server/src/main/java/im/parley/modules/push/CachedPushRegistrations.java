package im.parley.modules.push;

import im.parley.store.ReadThroughCache;
import im.parley.xmpp.Jid;
import java.util.List;

/**
 * The registrations read through a cache: a push is considered for every message stored offline
 * or delivered to a detached session, and most accounts have no push service, so the store is
 * asked once per account rather than once per message. Changes go to the store, then the cache
 * keeps what the store has.
 */
final class CachedPushRegistrations implements PushRegistrations {
    private static final int CACHED_ACCOUNTS = 100_000;

    private final PushRegistrations store;
    private final ReadThroughCache<Jid, List<Registration>> cache;

    CachedPushRegistrations(PushRegistrations store) {
        this.store = store;
        this.cache = new ReadThroughCache<>(CACHED_ACCOUNTS, store::of);
    }

    @Override
    public boolean enable(Registration registration, int max) {
        boolean[] kept = {false};
        cache.write(registration.account(), current -> {
            kept[0] = store.enable(registration, max);
            return store.of(registration.account());
        });
        return kept[0];
    }

    @Override
    public void disable(Jid account, Jid service, String node) {
        cache.write(account, current -> {
            store.disable(account, service, node);
            return store.of(account);
        });
    }

    @Override
    public List<Registration> of(Jid account) {
        return cache.get(account);
    }

    /** The account is gone, and its registrations with it (the table's foreign key). */
    void forget(Jid account) {
        cache.invalidate(account);
    }
}
