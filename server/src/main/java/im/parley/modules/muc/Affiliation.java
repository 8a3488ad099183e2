package im.parley.modules.muc;

import java.util.Locale;

/** A user's long-lived relation to a room (XEP-0045 §5.2), highest first. */
enum Affiliation {
    OWNER, ADMIN, MEMBER, NONE, OUTCAST;

    private final String value = name().toLowerCase(Locale.ROOT);

    String value() {
        return value;
    }

    /** Whether this affiliation ranks above {@code other} (§5.2: owner, admin, member, none, outcast). */
    boolean above(Affiliation other) {
        return ordinal() < other.ordinal();
    }

    /** Owners and admins: they moderate whenever they are in the room and cannot lose voice (§5.1.2, §8.4). */
    boolean privileged() {
        return this == OWNER || this == ADMIN;
    }

    /** §5.1.2: the role an occupant gets on entering. */
    Role defaultRole(boolean moderatedRoom) {
        return switch (this) {
            case OWNER, ADMIN -> Role.MODERATOR;
            case MEMBER -> Role.PARTICIPANT;
            case NONE -> moderatedRoom ? Role.VISITOR : Role.PARTICIPANT;
            case OUTCAST -> Role.NONE;
        };
    }

    /** The affiliation named {@code value}, or null for none of them. */
    static Affiliation parse(String value) {
        for (Affiliation affiliation : values()) {
            if (affiliation.value.equals(value)) {
                return affiliation;
            }
        }
        return null;
    }
}
