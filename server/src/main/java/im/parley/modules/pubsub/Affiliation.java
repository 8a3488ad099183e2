package im.parley.modules.pubsub;

import java.util.Locale;

/** An entity's affiliation with a node (XEP-0060 §4.1), and what each may do (its table 4). */
public enum Affiliation {
    OWNER, PUBLISHER, PUBLISH_ONLY, MEMBER, NONE, OUTCAST;

    /** The attribute value, e.g. {@code publish-only}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The affiliation an attribute value names, or null. */
    public static Affiliation parse(String value) {
        for (Affiliation a : values()) {
            if (a.value().equals(value)) {
                return a;
            }
        }
        return null;
    }

    public boolean mayPublish() {
        return this == OWNER || this == PUBLISHER || this == PUBLISH_ONLY;
    }

    /** On the whitelist of a node with that access model (owners, publishers and members). */
    public boolean isWhitelisted() {
        return this == OWNER || this == PUBLISHER || this == MEMBER;
    }
}
