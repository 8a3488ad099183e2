package im.parley.modules.roster;

import java.util.Locale;

/**
 * The 'subscription' attribute of a roster item (RFC 6121 §2.1.2.5): whether the contact sees
 * the user's presence ("from"), the user sees the contact's ("to"), both, or neither.
 */
public enum Subscription {
    NONE, TO, FROM, BOTH;

    /** The user receives the contact's presence. */
    public boolean hasTo() {
        return this == TO || this == BOTH;
    }

    /** The contact receives the user's presence. */
    public boolean hasFrom() {
        return this == FROM || this == BOTH;
    }

    public Subscription withTo(boolean to) {
        return of(to, hasFrom());
    }

    public Subscription withFrom(boolean from) {
        return of(hasTo(), from);
    }

    static Subscription of(boolean to, boolean from) {
        if (to) {
            return from ? BOTH : TO;
        }
        return from ? FROM : NONE;
    }

    /** The attribute value: none, to, from or both. */
    public String attribute() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a stored attribute value. */
    public static Subscription parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
