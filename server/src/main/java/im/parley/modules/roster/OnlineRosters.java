package im.parley.modules.roster;

import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import java.util.Comparator;
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
 * <p>Freshness: loading a roster, and writing one then applying the write to the kept copy, hold
 * the user's lock, so a kept roster is never older than a change that has returned; the version
 * stays in the store (one statement less per login), read so that a roster result never labels
 * old items with a newer version (§2.6). Items are kept in the order of their JIDs' strings, as
 * the store returns them.
 * The locks are {@link ReentrantLock}s, not monitors, so a virtual thread waiting on the store
 * under one does not pin its carrier.
 */
final class OnlineRosters implements RosterStore {
    private static final Logger log = LoggerFactory.getLogger(OnlineRosters.class);
    private static final int LOCK_STRIPES = 64;

    private final RosterStore store;
    /** The rosters of the users admitted and not yet released. */
    private final Map<Jid, Cached> online = new ConcurrentHashMap<>();
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

    /** One user's items, in the store's order and by contact; never changed once built. */
    private record Cached(List<RosterItem> items, Map<Jid, RosterItem> byContact) {
        static Cached of(Map<Jid, RosterItem> byContact) {
            List<RosterItem> items = byContact.values().stream()
                    .sorted(Comparator.comparing(item -> item.jid().toString())).toList();
            return new Cached(items, byContact);
        }

        /** This roster after a write of the store: {@code item} saved, or the contact removed if null. */
        Cached after(Jid contact, RosterItem item) {
            Map<Jid, RosterItem> changed = new HashMap<>(byContact);
            if (item == null) {
                changed.remove(contact);
            } else {
                changed.put(contact, item);
            }
            return of(changed);
        }
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
    void admit(Jid user) {
        try {
            locked(user, () -> online.containsKey(user) ? null : online.put(user, load(user)));
        } catch (RuntimeException e) {
            log.warn("Roster of {} not kept in memory: {}", user, e.toString());
        }
    }

    /** Stops keeping the user's roster in memory (the user's last session ended). */
    void release(Jid user) {
        locked(user, () -> online.remove(user));
    }

    @Override
    public List<RosterItem> items(Jid user) {
        Cached cached = online.get(user);
        return cached != null ? cached.items() : store.items(user);
    }

    @Override
    public Optional<RosterItem> item(Jid user, Jid contact) {
        Cached cached = online.get(user);
        return cached != null ? Optional.ofNullable(cached.byContact().get(contact)) : store.item(user, contact);
    }

    @Override
    public int count(Jid user) {
        Cached cached = online.get(user);
        return cached != null ? cached.items().size() : store.count(user);
    }

    /**
     * Read from the store, under the lock for a kept roster: no write is then between its commit
     * and its update of the kept items, so items read after the version are never older than it.
     */
    @Override
    public long version(Jid user) {
        return online.containsKey(user) ? locked(user, () -> store.version(user)) : store.version(user);
    }

    @Override
    public long save(Jid user, RosterItem item) {
        return locked(user, () -> changed(user, store.save(user, item), item.jid(), item));
    }

    @Override
    public long remove(Jid user, Jid contact) {
        return locked(user, () -> changed(user, store.remove(user, contact), contact, null));
    }

    /** Read from the store: only a client that missed changes asks, once per login. */
    @Override
    public Optional<List<RosterChange>> changesSince(Jid user, long version) {
        return store.changesSince(user, version);
    }

    @Override
    public void deleteAll(Jid user) {
        locked(user, () -> {
            store.deleteAll(user);
            return online.computeIfPresent(user, (u, cached) -> Cached.of(Map.of()));
        });
    }

    @Override
    public List<Element> requests(Jid user) {
        return store.requests(user);
    }

    @Override
    public boolean hasRequest(Jid user, Jid contact) {
        return store.hasRequest(user, contact);
    }

    @Override
    public void saveRequest(Jid user, Jid contact, Element request) {
        store.saveRequest(user, contact, request);
    }

    @Override
    public void removeRequest(Jid user, Jid contact) {
        store.removeRequest(user, contact);
    }

    /**
     * Applies a write the store has committed to the kept roster, if any, without reading the
     * store again (the write is known: one item saved or removed); returns the new version.
     */
    private long changed(Jid user, long version, Jid contact, RosterItem item) {
        online.computeIfPresent(user, (u, cached) -> cached.after(contact, item));
        return version;
    }

    private Cached load(Jid user) {
        Map<Jid, RosterItem> byContact = new HashMap<>();
        for (RosterItem item : store.items(user)) {
            byContact.put(item.jid(), item);
        }
        return Cached.of(byContact);
    }

    private <T> T locked(Jid user, Supplier<T> work) {
        ReentrantLock lock = locks[Math.floorMod(user.hashCode(), LOCK_STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
