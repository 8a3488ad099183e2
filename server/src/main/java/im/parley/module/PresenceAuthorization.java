package im.parley.module;

import im.parley.xmpp.Jid;

/**
 * Whether an entity may see a user's presence (RFC 6121: it is subscribed, i.e. the user's roster
 * has it with subscription 'from' or 'both'), which decides what disco (XEP-0030 §8) and last
 * activity (XEP-0012) tell about an account. The roster provides it; the user's own resources are
 * always authorized and never asked about.
 */
@FunctionalInterface
public interface PresenceAuthorization {
    /** Without a roster, only the account itself (whose resources are never asked about). */
    PresenceAuthorization OWN_ACCOUNT_ONLY = (user, requester) -> false;

    /**
     * @param user the bare JID whose presence is asked about
     * @param requester the bare JID asking
     */
    boolean maySeePresence(Jid user, Jid requester);
}
