package im.parley.modules.push;

import im.parley.xmpp.Jid;
import java.util.List;

/** Where the push registrations of each account are kept (XEP-0357 §5). */
interface PushRegistrations {
    /**
     * Keeps the registration, replacing one for the same service and node (its publish options);
     * false, and nothing kept, when the account has {@code max} others already.
     */
    boolean enable(Registration registration, int max);

    /** Removes the account's registrations for {@code service}: all of them, or the one for {@code node} if not null. */
    void disable(Jid account, Jid service, String node);

    /** The account's registrations. */
    List<Registration> of(Jid account);
}
