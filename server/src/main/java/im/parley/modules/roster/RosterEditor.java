package im.parley.modules.roster;

import im.parley.module.HostSettings;
import im.parley.xmpp.Jid;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Changes rosters: each change is stored with a new version and pushed to the owner's interested
 * resources. Changes to one roster can come from several threads at once (the owner's IQs, each
 * contact's subscription stanzas), so read-modify-write runs under a lock per owner; never
 * route a stanza while holding it (the addressee's handling may need another owner's lock).
 */
final class RosterEditor {
    private static final int STRIPES = 64;

    private final RosterStore store;
    private final RosterPushes pushes;
    private final HostSettings<RosterConfig> settings;
    private final Rosters rosters;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    RosterEditor(RosterStore store, RosterPushes pushes, HostSettings<RosterConfig> settings, Rosters rosters) {
        this.store = store;
        this.rosters = rosters;
        this.pushes = pushes;
        this.settings = settings;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    RosterStore store() {
        return store;
    }

    /** Runs {@code change} while no other change to the owner's roster runs. */
    <T> T locked(Jid owner, Supplier<T> change) {
        ReentrantLock lock = locks[Math.floorMod(owner.bare().hashCode(), STRIPES)];
        lock.lock();
        try {
            return change.get();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the owner's roster may take one more item (the {@code roster.max-items} cap of the owner's host). */
    boolean hasRoomForOneMore(Jid owner) {
        return store.count(owner.bare()) < settings.of(owner.domain()).maxItems();
    }

    void save(Jid owner, RosterItem item) {
        long version = store.save(owner.bare(), item);
        pushes.push(owner, item.toElement(), version);
    }

    /** Tells the roster's listeners that the owner's item for the contact changed (call it after {@link #locked}). */
    void changed(Jid owner, Jid contact) {
        rosters.changed(owner, contact);
    }

    /** Tells the roster's listeners that the contact gained a subscription to the owner's presence (after {@link #locked}). */
    void subscribed(Jid owner, Jid contact) {
        rosters.subscribed(owner, contact);
    }

    void remove(Jid owner, Jid contact) {
        long version = store.remove(owner.bare(), contact);
        pushes.push(owner, RosterItem.removal(contact), version);
    }
}
