package im.parley.modules.roster;

import im.parley.xmpp.Jid;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The {@link Roster} read API over the store; rosters are kept by the owner's localpart. */
final class Rosters implements Roster {
    private final RosterStore store;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<Listener> subscribedListeners = new CopyOnWriteArrayList<>();

    Rosters(RosterStore store) {
        this.store = store;
    }

    @Override
    public Subscription subscription(Jid owner, Jid contact) {
        return item(owner, contact).map(RosterItem::subscription).orElse(Subscription.NONE);
    }

    @Override
    public boolean isInRoster(Jid owner, Jid contact) {
        return item(owner, contact).isPresent();
    }

    @Override
    public Optional<RosterItem> item(Jid owner, Jid contact) {
        return store.item(owner.bare(), contact.bare());
    }

    @Override
    public List<RosterItem> items(Jid owner) {
        return store.items(owner.bare());
    }

    @Override
    public List<Jid> subscribers(Jid owner) {
        return items(owner).stream().filter(i -> i.subscription().hasFrom()).map(RosterItem::jid).toList();
    }

    @Override
    public void onItemChange(Listener listener) {
        listeners.add(listener);
    }

    /** Tells the listeners of a change to the owner's item for the contact; outside the roster's locks. */
    void changed(Jid owner, Jid contact) {
        listeners.forEach(l -> l.itemChanged(owner.bare(), contact.bare()));
    }

    @Override
    public void onSubscribed(Listener listener) {
        subscribedListeners.add(listener);
    }

    /** Tells the listeners that the contact gained a subscription to the owner's presence; outside the roster's locks. */
    void subscribed(Jid owner, Jid contact) {
        subscribedListeners.forEach(l -> l.itemChanged(owner.bare(), contact.bare()));
    }
}
