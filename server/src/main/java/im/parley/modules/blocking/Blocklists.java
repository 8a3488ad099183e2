package im.parley.modules.blocking;

import im.parley.xmpp.Jid;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The blocklists of local users, read through a cache because every stanza between two users
 * consults both of theirs. A change is written to the repository and to the cache in one
 * {@link Map#compute} on the user's entry, so a concurrent load can never put back a stale list.
 */
public final class Blocklists {
    /** Past this many cached users the cache starts over: a crude bound that needs no eviction order. */
    static final int MAX_CACHED_USERS = 100_000;

    private final BlocklistRepository repository;
    private final Map<String, Blocklist> cache = new ConcurrentHashMap<>();

    public Blocklists(BlocklistRepository repository) {
        this.repository = repository;
    }

    /** The user's blocklist (empty for a user who blocked no one). */
    public Blocklist of(String username) {
        Blocklist cached = cache.get(username);
        if (cached != null) {
            return cached;
        }
        if (cache.size() >= MAX_CACHED_USERS) {
            cache.clear();
        }
        return cache.computeIfAbsent(username, this::load);
    }

    /** Blocks the addresses and returns those that were not blocked before. */
    public List<Jid> block(String username, Collection<Jid> jids) {
        List<Jid> added = new ArrayList<>();
        cache.compute(username, (user, cached) -> {
            Blocklist current = cached != null ? cached : load(user);
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
    public void unblock(String username, Collection<Jid> jids) {
        cache.compute(username, (user, cached) -> {
            repository.remove(user, jids);
            return (cached != null ? cached : load(user)).without(jids);
        });
    }

    /** Unblocks every address. */
    public void unblockAll(String username) {
        cache.compute(username, (user, cached) -> {
            repository.removeAll(user);
            return Blocklist.EMPTY;
        });
    }

    /** Drops a deleted account's cached list (its rows go with the account). */
    public void forget(String username) {
        cache.remove(username);
    }

    private Blocklist load(String username) {
        return new Blocklist(repository.load(username));
    }
}
