package im.parley.modules.muc;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** An occupant's role while in a room (XEP-0045 §5.1), highest first. */
enum Role {
    MODERATOR, PARTICIPANT, VISITOR, NONE;

    /** The roles an occupant can have, whose presence a room may broadcast (muc#roomconfig_presencebroadcast). */
    static final Set<Role> BROADCAST = EnumSet.of(MODERATOR, PARTICIPANT, VISITOR);

    private final String value = name().toLowerCase(Locale.ROOT);

    String value() {
        return value;
    }

    /** Whether this role may speak in the room (§5.1.1: visitors have no voice). */
    boolean hasVoice() {
        return this == MODERATOR || this == PARTICIPANT;
    }

    /** The role named {@code value}, or null for none of them. */
    static Role parse(String value) {
        for (Role role : values()) {
            if (role.value.equals(value)) {
                return role;
            }
        }
        return null;
    }

    static List<String> names(Collection<Role> roles) {
        return roles.stream().sorted().map(Role::value).toList();
    }
}
