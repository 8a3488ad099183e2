package im.parley.modules.adhoc;

import java.util.Locale;

/** The 'action' values of a command request (XEP-0050 §6.1). */
enum Action {
    EXECUTE, CANCEL, PREV, NEXT, COMPLETE;

    private final String value = name().toLowerCase(Locale.ROOT);

    String value() {
        return value;
    }

    /** The action named by the attribute ("execute" when absent), or null when it names none (malformed-action). */
    static Action parse(String attribute) {
        if (attribute == null) {
            return EXECUTE;
        }
        for (Action action : values()) {
            if (action.value.equals(attribute)) {
                return action;
            }
        }
        return null;
    }
}
