package im.parley.modules.blocking;

import im.parley.store.ReadThroughCache;
import im.parley.xmpp.Jid;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The blocklists of local users, read through a cache because every stanza between two users
 * consults both of theirs. A change is written to the repository, then kept in the cache, under
 * the user's write lock (see {@link ReadThroughCache}: no store call ever runs inside a map lock).
 */
public final class Blocklists {
    /** Users whose lists are kept; past this the least used go first. */
    private static final int MAX_CACHED_USERS = 100_000;

    private final BlocklistRepository repository;
    private final ReadThroughCache<Jid, Blocklist> cache;

    public Blocklists(BlocklistRepository repository) {
        this.repository = repository;
        this.cache = new ReadThroughCache<>(MAX_CACHED_USERS, user -> new Blocklist(repository.load(user)));
    }

    /** The user's blocklist (empty for a user who blocked no one). */
    public Blocklist of(Jid user) {
        return cache.get(user);
    }

    /** Blocks the addresses and returns those that were not blocked before. */
    public List<Jid> block(Jid user, Collection<Jid> jids) {
        List<Jid> added = new ArrayList<>();
        cache.write(user, current -> {
            for (Jid jid : jids) {
                if (!current.items().contains(jid) && !added.contains(jid)) {
                    added.add(jid);
                }
            }
            repository.add(user, added);
            return current.with(added);
        });
        return added;
    }

    /** Unblocks the addresses (those not blocked are ignored). */
    public void unblock(Jid user, Collection<Jid> jids) {
        cache.write(user, current -> {
            repository.remove(user, jids);
            return current.without(jids);
        });
    }

    /** Unblocks every address. */
    public void unblockAll(Jid user) {
        cache.write(user, current -> {
            repository.removeAll(user);
            return Blocklist.EMPTY;
        });
    }

    /** Drops a deleted account's cached list (its rows go with the account). */
    public void forget(Jid user) {
        cache.invalidate(user);
    }
}
