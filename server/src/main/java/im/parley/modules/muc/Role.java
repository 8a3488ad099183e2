package im.parley.modules.muc;

import java.util.Locale;

/** An occupant's role while in a room (XEP-0045 §5.1). */
enum Role {
    MODERATOR, PARTICIPANT, VISITOR, NONE;

    private final String value = name().toLowerCase(Locale.ROOT);

    String value() {
        return value;
    }
}
