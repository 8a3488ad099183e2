package im.parley.modules.roster;

/**
 * Where a user stands with one contact (RFC 6121 Appendix A): the subscription, the pending-out
 * "ask", the pending-in request kept outside the roster (§3.1.3) and a pre-approval (§3.4).
 */
record SubscriptionState(Subscription subscription, boolean ask, boolean pendingIn, boolean approved) {
    static final SubscriptionState NONE = new SubscriptionState(Subscription.NONE, false, false, false);

    static SubscriptionState of(RosterItem item, boolean pendingIn) {
        return item == null ? NONE.withPendingIn(pendingIn)
                : new SubscriptionState(item.subscription(), item.ask(), pendingIn, item.approved());
    }

    boolean hasTo() {
        return subscription.hasTo();
    }

    boolean hasFrom() {
        return subscription.hasFrom();
    }

    /** Whether this state needs a roster item to be kept (a pending-in request alone does not, §3.1.3). */
    boolean needsItem() {
        return subscription != Subscription.NONE || ask || approved;
    }

    /** Whether the part shown in the roster (subscription, ask, approved) differs. */
    boolean itemDiffers(SubscriptionState other) {
        return subscription != other.subscription || ask != other.ask || approved != other.approved;
    }

    SubscriptionState withTo(boolean to) {
        return new SubscriptionState(subscription.withTo(to), ask, pendingIn, approved);
    }

    SubscriptionState withFrom(boolean from) {
        return new SubscriptionState(subscription.withFrom(from), ask, pendingIn, approved);
    }

    SubscriptionState withAsk(boolean newAsk) {
        return new SubscriptionState(subscription, newAsk, pendingIn, approved);
    }

    SubscriptionState withPendingIn(boolean newPendingIn) {
        return new SubscriptionState(subscription, ask, newPendingIn, approved);
    }

    SubscriptionState withApproved(boolean newApproved) {
        return new SubscriptionState(subscription, ask, pendingIn, newApproved);
    }
}
