package im.parley.modules.roster;

import im.parley.module.StanzaSender;
import im.parley.modules.roster.SubscriptionRules.Action;
import im.parley.modules.roster.SubscriptionRules.Outcome;
import im.parley.session.LocalSessions;
import im.parley.session.Session;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.util.function.Function;

/**
 * Presence subscriptions (RFC 6121 §3) between local users: the user's server handles the
 * stanza as outbound (its author's roster), then routes it to the contact, whose server handles
 * it as inbound (the addressee's roster) and delivers it or answers for the user.
 * Presence follows the "from" half of a subscription: whoever gains it is sent the user's
 * current presence (§3.1.5), whoever loses it is sent unavailable presence (§3.2.2, §3.3.3).
 */
final class Subscriptions {
    private final RosterEditor editor;
    private final StanzaSender router;
    private final LocalSessions sessions;

    /** What a subscription stanza changed. */
    private record Change(SubscriptionState before, SubscriptionState after, Action action) {
    }

    Subscriptions(RosterEditor editor, StanzaSender router, LocalSessions sessions) {
        this.editor = editor;
        this.router = router;
        this.sessions = sessions;
    }

    /** Client hook: a subscription stanza from a user (§3.1.2, §3.1.5, §3.2.2, §3.3.2, §3.4). */
    Stanza fromClient(Session sender, Stanza presence) {
        if (!presence.isPresence() || presence.to() == null || !SubscriptionRules.isSubscriptionType(presence.type())) {
            return presence;
        }
        if (!send(sender.jid().bare(), presence.to().bare(), presence)) {
            sender.deliver(presence.error(StanzaError.RESOURCE_CONSTRAINT, "The roster is full"));
        }
        return null;
    }

    /** Handles an outbound subscription stanza; false when it would need a roster item and the roster is full. */
    private boolean send(Jid user, Jid contact, Stanza presence) {
        String type = presence.type();
        Change change = apply(user, contact, s -> SubscriptionRules.outbound(type, s), null);
        if (change == null) {
            return false;
        }
        if (change.action() == Action.FORWARD) {
            // The server stamps the user's bare JID: a subscription is between accounts, not resources.
            router.route(presence.withAddresses(user, contact));
        }
        sharePresence(user, contact, change);
        tellListeners(user, contact, change);
        return true;
    }

    /** Delivery hook: a subscription stanza for a local user (§3.1.3, §3.1.6, §3.2.3, §3.3.3). */
    Stanza toUser(Stanza presence) {
        if (!presence.isPresence() || presence.from() == null
                || !SubscriptionRules.isSubscriptionType(presence.type())) {
            return presence;
        }
        Jid user = presence.to().bare();
        Jid contact = presence.from().bare();
        Stanza stamped = presence.withAddresses(contact, user);
        Change change = apply(user, contact, s -> SubscriptionRules.inbound(stamped.type(), s), stamped.element());
        if (change == null) {
            return null;
        }
        switch (change.action()) {
            case FORWARD -> deliverToAvailable(user, stamped);
            case APPROVE -> router.route(subscriptionStanza("subscribed", user, contact));
            case DROP -> {
                // A duplicate, or nothing to do in this state (RFC 6121 Appendix A): not delivered.
            }
        }
        sharePresence(user, contact, change);
        tellListeners(user, contact, change);
        return null;
    }

    /**
     * Removes a roster item (§2.5.2): the contact is unsubscribed from both directions as if the
     * user had sent unsubscribe and unsubscribed. Returns false when there is no such item.
     */
    boolean removeItem(Jid user, Jid contact) {
        Change change = editor.locked(user, () -> {
            RosterStore store = editor.store();
            RosterItem item = store.item(user.bare(), contact).orElse(null);
            if (item == null) {
                return null;
            }
            SubscriptionState before = SubscriptionState.of(item, store.hasRequest(user.bare(), contact));
            store.removeRequest(user.bare(), contact);
            editor.remove(user, contact);
            return new Change(before, SubscriptionState.NONE, Action.FORWARD);
        });
        if (change == null) {
            return false;
        }
        if (change.before().hasTo() || change.before().ask()) {
            router.route(subscriptionStanza("unsubscribe", user, contact));
        }
        if (change.before().hasFrom() || change.before().pendingIn()) {
            router.route(subscriptionStanza("unsubscribed", user, contact));
        }
        sharePresence(user, contact, change);
        editor.changed(user, contact);
        return true;
    }

    /** The contact lost or gained its subscription to the owner's presence: the roster's listeners are told. */
    private void tellListeners(Jid owner, Jid contact, Change change) {
        if (change.before().hasFrom() && !change.after().hasFrom()) {
            editor.changed(owner, contact);
        } else if (!change.before().hasFrom() && change.after().hasFrom()) {
            editor.subscribed(owner, contact);
        }
    }

    /** Account deletion: every contact and every requester is unsubscribed, then the roster is forgotten. */
    void accountDeleted(Jid user) {
        RosterStore store = editor.store();
        for (RosterItem item : store.items(user.bare())) {
            removeItem(user, item.jid());
        }
        for (Element request : store.requests(user.bare())) {
            Jid requester = Jid.parse(request.attribute("from"));
            send(user, requester, subscriptionStanza("unsubscribed", user, requester));
        }
        store.deleteAll(user.bare());
    }

    /** Delivers the requests the user has not answered yet to a resource that just became available (§3.1.3). */
    void redeliver(Session session) {
        for (Element request : editor.store().requests(session.jid().bare())) {
            session.deliver(Stanza.of(request));
        }
    }

    /** Runs a rule on the owner's state with the contact and stores the result, pushing roster changes. */
    private Change apply(Jid owner, Jid contact, Function<SubscriptionState, Outcome> rule, Element request) {
        return editor.locked(owner, () -> {
            RosterStore store = editor.store();
            RosterItem item = store.item(owner.bare(), contact).orElse(null);
            SubscriptionState before = SubscriptionState.of(item, store.hasRequest(owner.bare(), contact));
            Outcome outcome = rule.apply(before);
            SubscriptionState after = outcome.state();
            if (item == null && after.needsItem() && !editor.hasRoomForOneMore(owner)) {
                return null;
            }
            if (after.pendingIn() && !before.pendingIn()) {
                store.saveRequest(owner.bare(), contact, request);
            } else if (!after.pendingIn() && before.pendingIn()) {
                store.removeRequest(owner.bare(), contact);
            }
            if (after.itemDiffers(before)) {
                editor.save(owner, (item == null ? RosterItem.of(contact) : item).withState(after));
            }
            return new Change(before, after, outcome.action());
        });
    }

    /**
     * Sends the owner's presence to a contact who just gained the right to it (or was re-approved,
     * which may follow a lost subscription), or unavailable presence to one who lost it.
     */
    private void sharePresence(Jid owner, Jid contact, Change change) {
        boolean had = change.before().hasFrom();
        boolean has = change.after().hasFrom();
        if (has && (!had || change.action() == Action.APPROVE)) {
            for (Session session : sessions.sessionsOf(owner)) {
                if (session.available()) {
                    router.route(session.presence().withAddresses(session.jid(), contact));
                }
            }
        } else if (had && !has) {
            for (Session session : sessions.sessionsOf(owner)) {
                if (session.available()) {
                    router.route(Stanza.presence("unavailable").withAddresses(session.jid(), contact));
                }
            }
        }
    }

    private void deliverToAvailable(Jid user, Stanza stanza) {
        for (Session session : sessions.sessionsOf(user)) {
            if (session.available()) {
                session.deliver(stanza);
            }
        }
    }

    private static Stanza subscriptionStanza(String type, Jid from, Jid to) {
        return Stanza.of(Element.builder("presence", Namespaces.STANZA).attribute("type", type).build())
                .withAddresses(from, to);
    }
}
