package im.parley.modules.roster;

import im.parley.xmpp.Jid;
import java.util.List;
import java.util.Optional;

/**
 * Read access to local users' rosters for other features: presence broadcast and probes,
 * blocking of strangers, vCard or last-activity authorisation, entity capabilities. Owners and
 * contacts are bare JIDs (a full JID is reduced to its bare JID). Methods may block on storage.
 */
public interface Roster {
    /** The owner's subscription with the contact; {@link Subscription#NONE} when not in the roster. */
    Subscription subscription(Jid owner, Jid contact);

    /** Whether the contact is an item of the owner's roster, whatever the subscription. */
    boolean isInRoster(Jid owner, Jid contact);

    Optional<RosterItem> item(Jid owner, Jid contact);

    List<RosterItem> items(Jid owner);

    /** The contacts that receive the owner's presence (subscription from or both). */
    List<Jid> subscribers(Jid owner);

    /** Told of a change to the owner's item for a contact; runs on the thread that made it, outside the roster's locks. */
    @FunctionalInterface
    interface Listener {
        void itemChanged(Jid owner, Jid contact);
    }

    /**
     * Told after a change that may take away what the owner's roster let a contact see (XEP-0163
     * §7.1: access by presence subscription or roster group): the contact lost its subscription to
     * the owner's presence, or its item was set (its groups) or removed.
     */
    void onItemChange(Listener listener);

    /**
     * Told after a contact gained a subscription to the owner's presence (RFC 6121 §3.1.5: the owner
     * approved it, or had pre-approved it): XEP-0163 §6.2's new subscriber.
     */
    void onSubscribed(Listener listener);
}
