package im.parley.modules.vcard;

import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import java.util.Optional;

/**
 * Users' vCards (XEP-0054) for other features: what XEP-0398 keeps in step with PEP avatars.
 * Users are bare JIDs of accounts; calls may block.
 */
public interface VCards {
    /** Told after a user's client stored a vCard (not after {@link #put}). */
    @FunctionalInterface
    interface Listener {
        void stored(Jid user, VCard vcard);
    }

    Optional<VCard> get(Jid user);

    /** Stores a vCard in place of the user's, its avatar hash going into their presence, without telling the listeners. */
    void put(Jid user, VCard vcard);

    void onStore(Listener listener);
}
