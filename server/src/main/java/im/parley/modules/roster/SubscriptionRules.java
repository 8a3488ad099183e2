package im.parley.modules.roster;

/**
 * The subscription state machine of RFC 6121 §3 and Appendix A, as pure functions: what a
 * subscription stanza does to the sender's state with the addressee (outbound) and to the
 * recipient's state with the sender (inbound), and what then happens to the stanza.
 */
final class SubscriptionRules {
    /** What happens to the stanza itself. */
    enum Action {
        /** Outbound: route it to the contact. Inbound: deliver it to the user's available resources. */
        FORWARD,
        /** Inbound subscribe already approved (§3.1.3, §3.4): answer 'subscribed' for the user, deliver nothing. */
        APPROVE,
        /** Nothing to route or deliver (a duplicate, or a stanza that does not apply in this state). */
        DROP
    }

    record Outcome(SubscriptionState state, Action action) {
    }

    private SubscriptionRules() {
    }

    /** True for the four presence types that manage subscriptions. */
    static boolean isSubscriptionType(String type) {
        return switch (type) {
            case "subscribe", "subscribed", "unsubscribe", "unsubscribed" -> true;
            default -> false;
        };
    }

    /** The user sends {@code type} to the contact; {@code s} is the user's state with the contact. */
    static Outcome outbound(String type, SubscriptionState s) {
        return switch (type) {
            // §3.1.2: routed even when already subscribed, so the contact's server can confirm again.
            case "subscribe" -> forward(s.hasTo() ? s : s.withAsk(true));
            case "subscribed" -> outboundSubscribed(s);
            // §3.3.2 and §3.2.2: cancelling always travels, so that both rosters end up in agreement.
            case "unsubscribe" -> forward(s.withTo(false).withAsk(false));
            case "unsubscribed" -> forward(s.withFrom(false).withPendingIn(false).withApproved(false));
            default -> throw new IllegalArgumentException(type);
        };
    }

    /** §3.1.5 approval of a pending request; without one, §3.4 pre-approval, which is not routed. */
    private static Outcome outboundSubscribed(SubscriptionState s) {
        if (s.hasFrom()) {
            return drop(s);
        }
        if (s.pendingIn()) {
            return forward(s.withFrom(true).withPendingIn(false).withApproved(false));
        }
        return drop(s.withApproved(true));
    }

    /** The contact sent {@code type} to the user; {@code s} is the user's state with the contact. */
    static Outcome inbound(String type, SubscriptionState s) {
        return switch (type) {
            case "subscribe" -> inboundSubscribe(s);
            // §3.1.6: only an outstanding request can be approved.
            case "subscribed" -> s.ask() && !s.hasTo() ? forward(s.withTo(true).withAsk(false)) : drop(s);
            // §3.3.3
            case "unsubscribe" -> s.hasFrom() || s.pendingIn()
                    ? forward(s.withFrom(false).withPendingIn(false)) : drop(s);
            // §3.2.3
            case "unsubscribed" -> s.hasTo() || s.ask() ? forward(s.withTo(false).withAsk(false)) : drop(s);
            default -> throw new IllegalArgumentException(type);
        };
    }

    /** §3.1.3: answered at once when already allowed or pre-approved; a repeated request is not delivered again. */
    private static Outcome inboundSubscribe(SubscriptionState s) {
        if (s.hasFrom()) {
            return new Outcome(s, Action.APPROVE);
        }
        if (s.approved()) {
            return new Outcome(s.withFrom(true).withApproved(false), Action.APPROVE);
        }
        if (s.pendingIn()) {
            return drop(s);
        }
        return forward(s.withPendingIn(true));
    }

    private static Outcome forward(SubscriptionState s) {
        return new Outcome(s, Action.FORWARD);
    }

    private static Outcome drop(SubscriptionState s) {
        return new Outcome(s, Action.DROP);
    }
}
