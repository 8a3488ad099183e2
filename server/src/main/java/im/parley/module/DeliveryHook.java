package im.parley.module;

import im.parley.xmpp.Stanza;

/**
 * Sees each stanza addressed to an existing local account (its bare JID or one of its full JIDs)
 * before the router delivers it or hands it to an IQ handler (e.g. inbound subscriptions,
 * presence probes, blocking). Runs on the thread that routes the stanza.
 */
@FunctionalInterface
public interface DeliveryHook {
    /** Returns true when the hook has dealt with the stanza (delivered, answered or dropped it). */
    boolean handle(Stanza stanza);
}
