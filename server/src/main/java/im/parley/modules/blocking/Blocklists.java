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
    private final ReadThroughCache<String, Blocklist> cache;

    public Blocklists(BlocklistRepository repository) {
        this.repository = repository;
        this.cache = new ReadThroughCache<>(MAX_CACHED_USERS, user -> new Blocklist(repository.load(user)));
    }

    /** The user's blocklist (empty for a user who blocked no one). */
    public Blocklist of(String username) {
        return cache.get(username);
    }

    /** Blocks the addresses and returns those that were not blocked before. */
    public List<Jid> block(String username, Collection<Jid> jids) {
        List<Jid> added = new ArrayList<>();
        cache.write(username, current -> {
            for (Jid jid : jids) {
                if (!current.items().contains(jid) && !added.contains(jid)) {
                    added.add(jid);
                }
            }
            repository.add(username, added);
            return current.with(added);
        });
        return added;
    }

    /** Unblocks the addresses (those not blocked are ignored). */
    public void unblock(String username, Collection<Jid> jids) {
        cache.write(username, current -> {
            repository.remove(username, jids);
            return current.without(jids);
        });
    }

    /** Unblocks every address. */
    public void unblockAll(String username) {
        cache.write(username, current -> {
            repository.removeAll(username);
            return Blocklist.EMPTY;
        });
    }

    /** Drops a deleted account's cached list (its rows go with the account). */
    public void forget(String username) {
        cache.invalidate(username);
    }
}
