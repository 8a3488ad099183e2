package im.parley.modules.privacy;

import im.parley.xmpp.Jid;

/** Whether an address is in a user's roster (RFC 6121 §2); the roster module answers it. May block. */
@FunctionalInterface
public interface Contacts {
    boolean inRoster(Jid user, Jid contact);
}
