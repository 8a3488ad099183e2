package im.parley.modules.muc;

import java.util.Locale;

/** A user's long-lived relation to a room (XEP-0045 §5.2). */
enum Affiliation {
    OWNER, ADMIN, MEMBER, NONE;

    private final String value = name().toLowerCase(Locale.ROOT);

    String value() {
        return value;
    }

    /** §5.1.2: the role an occupant gets on entering an unmoderated room. */
    Role defaultRole() {
        return this == OWNER || this == ADMIN ? Role.MODERATOR : Role.PARTICIPANT;
    }
}
