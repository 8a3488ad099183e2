package im.parley.modules.lastactivity;

import im.parley.xmpp.Jid;

/**
 * Whether an entity may see a user's presence (RFC 6121: it is subscribed, i.e. the user's roster
 * has it with subscription 'from' or 'both'). The roster module answers this; the user's own
 * resources are always authorized and never asked about.
 */
@FunctionalInterface
public interface ContactAuthorization {
    /**
     * @param user the bare JID whose presence is asked about
     * @param requester the bare JID asking
     */
    boolean maySeePresence(Jid user, Jid requester);
}
