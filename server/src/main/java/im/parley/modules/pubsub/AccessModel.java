package im.parley.modules.pubsub;

import java.util.Locale;

/**
 * Who may subscribe to a node and retrieve its items (XEP-0060 §4.5). The authorize model is
 * offered where the service can take the owners' answers ({@link ServicePolicy#approvesSubscriptions}).
 */
public enum AccessModel {
    /** Anyone. */
    OPEN,
    /** Entities subscribed to the owner's presence (subscription 'from' or 'both'). */
    PRESENCE,
    /** Entities in the owner's roster, in one of the node's {@code pubsub#roster_groups_allowed}. */
    ROSTER,
    /** Entities the owner affiliated with the node (member, publisher or owner). */
    WHITELIST,
    /** Subscribers a node owner approved (§4.5): a subscription is pending until then. */
    AUTHORIZE;

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
