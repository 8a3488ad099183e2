package im.parley.module;

import im.parley.xmpp.Stanza;

/**
 * Sees each stanza addressed to an existing local account (its bare JID or one of its full JIDs)
 * before the router delivers it or hands it to an IQ handler (e.g. inbound subscriptions,
 * presence probes, blocking). Hooks form a pipeline in priority order. Runs on the thread that
 * routes the stanza.
 */
@FunctionalInterface
public interface DeliveryHook {
    /**
     * Returns the stanza to pass on (possibly rewritten), or null when the hook has dealt with it.
     *
     * @param origin where the stanza entered the server (a client session, the server itself...)
     */
    Stanza handle(Stanza stanza, Origin origin);
}
