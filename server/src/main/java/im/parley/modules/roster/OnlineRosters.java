package im.parley.modules.roster;

import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RosterStore} that keeps the rosters of users with a session in memory, in front of the
 * store that keeps them all. Every presence a user sends, and every probe a contact's initial
 * presence sends to the user, reads the user's roster (RFC 6121 §4.2.2, §4.3.2): 100 contacts
 * logging in means 100 reads of each roster, which the store would answer with a statement each.
 * Users without a session are read from the store as before, so memory follows who is online.
 *
 * <p>Freshness: loading a roster, and writing one then reloading it, hold the user's lock, so a
 * cached roster is never older than a change that has returned, and its items and version are
 * always of the same moment (a roster result must not label old items with a new version, §2.6).
 * The locks are {@link ReentrantLock}s, not monitors, so a virtual thread waiting on the store
 * under one does not pin its carrier.
 */
final class OnlineRosters implements RosterStore {
    private static final Logger log = LoggerFactory.getLogger(OnlineRosters.class);
    private static final int LOCK_STRIPES = 64;

    private final RosterStore store;
    /** The rosters of the users admitted and not yet released. */
    private final Map<String, Cached> online = new ConcurrentHashMap<>();
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

    /** One user's roster version and items, in the store's order and by contact; never changed once built. */
    private record Cached(long version, List<RosterItem> items, Map<Jid, RosterItem> byContact) {
    }

    OnlineRosters(RosterStore store) {
        this.store = store;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /**
     * Keeps the user's roster in memory from now on (the user has a session). If the store fails,
     * the roster stays where it is and is read from the store, as for users without a session.
     */
    void admit(String user) {
        try {
            locked(user, () -> online.containsKey(user) ? null : online.put(user, load(user)));
        } catch (RuntimeException e) {
            log.warn("Roster of {} not kept in memory: {}", user, e.toString());
        }
    }

    /** Stops keeping the user's roster in memory (the user's last session ended). */
    void release(String user) {
        locked(user, () -> online.remove(user));
    }

    @Override
    public List<RosterItem> items(String user) {
        Cached cached = online.get(user);
        return cached != null ? cached.items() : store.items(user);
    }

    @Override
    public Optional<RosterItem> item(String user, Jid contact) {
        Cached cached = online.get(user);
        return cached != null ? Optional.ofNullable(cached.byContact().get(contact)) : store.item(user, contact);
    }

    @Override
    public int count(String user) {
        Cached cached = online.get(user);
        return cached != null ? cached.items().size() : store.count(user);
    }

    @Override
    public long version(String user) {
        Cached cached = online.get(user);
        return cached != null ? cached.version() : store.version(user);
    }

    @Override
    public long save(String user, RosterItem item) {
        return locked(user, () -> reloaded(user, store.save(user, item)));
    }

    @Override
    public long remove(String user, Jid contact) {
        return locked(user, () -> reloaded(user, store.remove(user, contact)));
    }

    @Override
    public void deleteAll(String user) {
        locked(user, () -> {
            store.deleteAll(user);
            return reloaded(user, 0);
        });
    }

    @Override
    public List<Element> requests(String user) {
        return store.requests(user);
    }

    @Override
    public boolean hasRequest(String user, Jid contact) {
        return store.hasRequest(user, contact);
    }

    @Override
    public void saveRequest(String user, Jid contact, Element request) {
        store.saveRequest(user, contact, request);
    }

    @Override
    public void removeRequest(String user, Jid contact) {
        store.removeRequest(user, contact);
    }

    /** Reloads the user's roster if it is kept; returns {@code version}, the write's result. */
    private long reloaded(String user, long version) {
        if (online.containsKey(user)) {
            online.put(user, load(user));
        }
        return version;
    }

    private Cached load(String user) {
        long version = store.version(user);
        List<RosterItem> items = List.copyOf(store.items(user));
        Map<Jid, RosterItem> byContact = new HashMap<>();
        for (RosterItem item : items) {
            byContact.put(item.jid(), item);
        }
        return new Cached(version, items, byContact);
    }

    private <T> T locked(String user, Supplier<T> work) {
        ReentrantLock lock = locks[Math.floorMod(user.hashCode(), LOCK_STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
