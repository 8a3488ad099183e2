package im.parley.module;

import im.parley.xmpp.Stanza;

/**
 * Offered a message of type normal or chat to an existing local account with no available
 * resource (RFC 6121 §8.5.2.2.1), e.g. to store it for later delivery (XEP-0160).
 */
@FunctionalInterface
public interface UndeliverableMessageHook {
    /**
     * Returns how the message ended when the hook took it ({@link Delivery#STORED_OFFLINE},
     * {@link Delivery#DROPPED}, or {@link Delivery.Bounced} when the hook answered the sender),
     * or null to leave it to the next hook or the router's error.
     */
    Delivery.Outcome accept(Stanza message);
}
