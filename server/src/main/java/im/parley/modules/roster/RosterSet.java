package im.parley.modules.roster;

import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.JidFormatException;
import im.parley.xmpp.StanzaError;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A roster set (RFC 6121 §2.3), validated: one item to add, update (name and groups) or remove.
 * Subscription state is the server's business, so 'ask', 'approved' and any 'subscription' other
 * than "remove" are ignored (§2.1.2).
 */
record RosterSet(Jid jid, boolean remove, String name, Set<String> groups) {
    /** Names and groups are stored in columns of this many characters. */
    static final int MAX_TEXT_LENGTH = 1023;

    /** A roster set the server refuses, with the stanza error §2.3.3 names for it. */
    static final class Invalid extends Exception {
        private final StanzaError condition;

        Invalid(StanzaError condition, String text) {
            super(text, null, false, false);
            this.condition = condition;
        }

        StanzaError condition() {
            return condition;
        }
    }

    static RosterSet parse(Element query) throws Invalid {
        List<Element> items = query.elements().stream().filter(e -> e.is("item", RosterItem.NAMESPACE)).toList();
        if (items.size() != 1) {
            throw new Invalid(StanzaError.BAD_REQUEST, "A roster set carries exactly one item");
        }
        Element item = items.get(0);
        Jid jid = contact(item.attribute("jid"));
        if ("remove".equals(item.attribute("subscription"))) {
            return new RosterSet(jid, true, null, Set.of());
        }
        return new RosterSet(jid, false, name(item.attribute("name")), groups(item));
    }

    private static Jid contact(String value) throws Invalid {
        if (value == null) {
            throw new Invalid(StanzaError.BAD_REQUEST, "The item needs a 'jid'");
        }
        Jid jid;
        try {
            jid = Jid.parse(value);
        } catch (JidFormatException e) {
            throw new Invalid(StanzaError.JID_MALFORMED, e.getMessage());
        }
        if (!jid.isBare()) {
            throw new Invalid(StanzaError.JID_MALFORMED, "A roster item is a bare JID");
        }
        return jid;
    }

    private static String name(String name) throws Invalid {
        if (name != null && name.length() > MAX_TEXT_LENGTH) {
            throw new Invalid(StanzaError.NOT_ACCEPTABLE, "The name is longer than " + MAX_TEXT_LENGTH);
        }
        return name == null || name.isEmpty() ? null : name;
    }

    private static Set<String> groups(Element item) throws Invalid {
        Set<String> groups = new HashSet<>();
        for (Element group : item.elements()) {
            if (!group.is("group", RosterItem.NAMESPACE)) {
                continue;
            }
            String text = group.text();
            if (text.isEmpty()) {
                throw new Invalid(StanzaError.NOT_ACCEPTABLE, "A group name cannot be empty");
            }
            if (text.length() > MAX_TEXT_LENGTH) {
                throw new Invalid(StanzaError.NOT_ACCEPTABLE, "A group name is longer than " + MAX_TEXT_LENGTH);
            }
            if (!groups.add(text)) {
                throw new Invalid(StanzaError.BAD_REQUEST, "Duplicate group " + text);
            }
        }
        return groups;
    }
}
