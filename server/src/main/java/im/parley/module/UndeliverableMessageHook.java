package im.parley.module;

import im.parley.xmpp.Stanza;

/**
 * Offered a message of type normal or chat to an existing local account with no available
 * resource (RFC 6121 §8.5.2.2.1), e.g. to store it for later delivery (XEP-0160).
 */
@FunctionalInterface
public interface UndeliverableMessageHook {
    /** Returns true when the message was accepted (stored); false leaves it to the next hook or an error. */
    boolean accept(Stanza message);
}
