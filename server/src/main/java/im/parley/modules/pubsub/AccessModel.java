package im.parley.modules.pubsub;

import java.util.Locale;

/**
 * Who may subscribe to a node and retrieve its items (XEP-0060 §4.5). The authorize model, which
 * needs the owner's approval of each subscription, is not offered.
 */
public enum AccessModel {
    /** Anyone. */
    OPEN,
    /** Entities subscribed to the owner's presence (subscription 'from' or 'both'). */
    PRESENCE,
    /** Entities in the owner's roster, in one of the node's {@code pubsub#roster_groups_allowed}. */
    ROSTER,
    /** Entities the owner affiliated with the node (member, publisher or owner). */
    WHITELIST;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The model a form value names, or null when it is none this service offers. */
    public static AccessModel parse(String value) {
        for (AccessModel model : values()) {
            if (model.value().equals(value)) {
                return model;
            }
        }
        return null;
    }
}
