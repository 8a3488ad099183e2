package im.parley.modules.roster;

import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import java.util.Set;
import java.util.TreeSet;

/**
 * One contact in a user's roster (RFC 6121 §2.1.2): its bare JID, the user's name for it, its
 * groups, and the subscription state the server keeps ("ask" is the pending-out state of §3.1.2,
 * "approved" a pre-approval of §3.4).
 */
public record RosterItem(Jid jid, String name, Subscription subscription, boolean ask, boolean approved,
        Set<String> groups) {
    public static final String NAMESPACE = "jabber:iq:roster";

    public RosterItem {
        groups = Set.copyOf(groups);
    }

    /** A new item that only carries subscription state (created by a subscription stanza, §3.1.2). */
    static RosterItem of(Jid jid) {
        return new RosterItem(jid, null, Subscription.NONE, false, false, Set.of());
    }

    RosterItem withState(SubscriptionState state) {
        return new RosterItem(jid, name, state.subscription(), state.ask(), state.approved(), groups);
    }

    RosterItem withNameAndGroups(String newName, Set<String> newGroups) {
        return new RosterItem(jid, newName, subscription, ask, approved, newGroups);
    }

    /** The {@code <item/>} of a roster result or push; groups in a stable order so equal rosters look equal. */
    public Element toElement() {
        Element.Builder item = Element.builder("item", NAMESPACE)
                .attribute("jid", jid.toString())
                .attribute("name", name)
                .attribute("subscription", subscription.attribute());
        if (ask) {
            item.attribute("ask", "subscribe");
        }
        if (approved) {
            item.attribute("approved", "true");
        }
        for (String group : new TreeSet<>(groups)) {
            item.textChild("group", group);
        }
        return item.build();
    }

    /** The {@code <item subscription='remove'/>} of a push telling that the item is gone (§2.5.2). */
    static Element removal(Jid jid) {
        return Element.builder("item", NAMESPACE).attribute("jid", jid.toString())
                .attribute("subscription", "remove").build();
    }
}
