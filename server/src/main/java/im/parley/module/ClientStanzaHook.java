package im.parley.module;

import im.parley.session.Session;
import im.parley.xmpp.Stanza;

/**
 * Sees each stanza a bound client sends, with 'from' already stamped, before it is routed (e.g.
 * presence broadcast, outbound subscriptions, blocking). Hooks form a pipeline in priority order.
 * Runs on the sender's session thread.
 */
@FunctionalInterface
public interface ClientStanzaHook {
    /**
     * Returns the stanza to pass on (the same one, or a rewritten copy such as presence with an
     * avatar hash added), or null when the hook has dealt with it and it goes no further.
     */
    Stanza handle(Session sender, Stanza stanza);
}
