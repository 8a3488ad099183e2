package im.parley.modules.push;

import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;

/**
 * Push notifications (XEP-0357) as another feature asks for them, for a message that reached no
 * client of the account by routing: a chat room's message that mentions a member none of whose
 * sessions is in the room. {@code PushFeature} provides it.
 */
public interface PushNotifications {
    /** Notifies the account's push services, if it enabled any, that this message is for it. */
    void notify(Jid account, Stanza message);
}
