package im.parley.modules.pubsub;

import java.util.Locale;

/**
 * An explicit subscription to a node (XEP-0060 §4.2): its id, its state (pending while a node
 * owner has not approved it, for the authorize access model, §4.5) and its one option, whether
 * notifications are delivered ({@code pubsub#deliver}, §6.3).
 */
public record Subscription(String subid, State state, boolean deliver) {
    public enum State {
        SUBSCRIBED, PENDING;

        /** The 'subscription' attribute value. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The state a stored or submitted value names, or null. */
        public static State parse(String value) {
            for (State state : values()) {
                if (state.value().equals(value)) {
                    return state;
                }
            }
            return null;
        }
    }

    /** A new subscription in that state, delivering notifications. */
    static Subscription of(String subid, State state) {
        return new Subscription(subid, state, true);
    }

    Subscription approved() {
        return new Subscription(subid, State.SUBSCRIBED, deliver);
    }

    Subscription delivering(boolean on) {
        return new Subscription(subid, state, on);
    }

    boolean active() {
        return state == State.SUBSCRIBED;
    }

    /** Whether event notifications go to the subscriber. */
    boolean receives() {
        return active() && deliver;
    }
}
