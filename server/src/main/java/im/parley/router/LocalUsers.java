package im.parley.router;

import im.parley.xmpp.Jid;

/** Whether a local account exists; the router asks before answering for an offline user. May block. */
@FunctionalInterface
public interface LocalUsers {
    /** @param account a bare JID at a hosted domain */
    boolean exists(Jid account);
}
