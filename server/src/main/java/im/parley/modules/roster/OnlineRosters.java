package im.parley.modules.roster;

import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link RosterStore} that keeps the rosters of users with a session in memory, in front of the
 * store that keeps them all. Every presence a user sends, and every probe a contact's initial
 * presence sends to the user, reads the user's roster (RFC 6121 §4.2.2, §4.3.2): 100 contacts
 * logging in means 100 reads of each roster, which the store would answer with a statement each.
 * Users without a session are read from the store as before, so memory follows who is online.
 *
 * <p>Freshness: a change is written to the store first, then the cached roster is reloaded from it
 * inside {@link ConcurrentHashMap#computeIfPresent}, which waits for a load of the same user that
 * is under way; so a roster cached from before a change is replaced once the change returns.
 */
final class OnlineRosters implements RosterStore {
    private final RosterStore store;
    /** The rosters of the users admitted and not yet released. */
    private final Map<String, Cached> online = new ConcurrentHashMap<>();

    /** One user's items in the store's order and by contact; never changed once built, so read without a lock. */
    private record Cached(List<RosterItem> items, Map<Jid, RosterItem> byContact) {
        static Cached of(List<RosterItem> items) {
            Map<Jid, RosterItem> byContact = new HashMap<>();
            for (RosterItem item : items) {
                byContact.put(item.jid(), item);
            }
            return new Cached(List.copyOf(items), byContact);
        }
    }

    OnlineRosters(RosterStore store) {
        this.store = store;
    }

    /** Keeps the user's roster in memory from now on (the user has a session). */
    void admit(String user) {
        online.computeIfAbsent(user, this::load);
    }

    /** Stops keeping the user's roster in memory (the user's last session ended). */
    void release(String user) {
        online.remove(user);
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
        return store.version(user);
    }

    @Override
    public long save(String user, RosterItem item) {
        long version = store.save(user, item);
        reload(user);
        return version;
    }

    @Override
    public long remove(String user, Jid contact) {
        long version = store.remove(user, contact);
        reload(user);
        return version;
    }

    @Override
    public void deleteAll(String user) {
        store.deleteAll(user);
        reload(user);
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

    private void reload(String user) {
        online.computeIfPresent(user, (u, stale) -> load(u));
    }

    private Cached load(String user) {
        return Cached.of(store.items(user));
    }
}
