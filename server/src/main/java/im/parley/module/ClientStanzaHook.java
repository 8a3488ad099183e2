package im.parley.module;

import im.parley.session.Session;
import im.parley.xmpp.Stanza;

/**
 * Sees each stanza a bound client sends, with 'from' already stamped, before it is routed (e.g.
 * presence broadcast, outbound subscriptions, blocking). Runs on the sender's session thread.
 */
@FunctionalInterface
public interface ClientStanzaHook {
    /** Returns true when the hook has dealt with the stanza, which is then not routed. */
    boolean handle(Session sender, Stanza stanza);
}
