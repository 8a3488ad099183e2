package im.parley.modules.roster;

import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import java.util.List;
import java.util.Optional;

/**
 * Where rosters, roster versions and pending subscription requests are kept, by the user's bare JID;
 * contacts are bare JIDs. Callers serialise changes to one user's roster; methods may block.
 */
public interface RosterStore {
    List<RosterItem> items(Jid user);

    Optional<RosterItem> item(Jid user, Jid contact);

    int count(Jid user);

    /** The roster version (§2.6): 0 for a roster that never changed. */
    long version(Jid user);

    /** Inserts or replaces an item and returns the roster's new version. */
    long save(Jid user, RosterItem item);

    /** Removes an item and returns the roster's new version. */
    long remove(Jid user, Jid contact);

    /**
     * The changes that made the roster's current version from {@code version}, oldest first, one per
     * contact (its last change); empty when the store cannot tell them: a version it never issued,
     * or one older than the changes it remembers. Then the client needs the whole roster (§2.6.3).
     */
    Optional<List<RosterChange>> changesSince(Jid user, long version);

    /** The inbound subscription requests the user has not answered, oldest first. */
    List<Element> requests(Jid user);

    boolean hasRequest(Jid user, Jid contact);

    void saveRequest(Jid user, Jid contact, Element request);

    void removeRequest(Jid user, Jid contact);

    /**
     * Forgets the user's roster and requests (the account is being deleted). The version goes on
     * counting, so that a new account of the same name never reuses a version a client holds.
     */
    void deleteAll(Jid user);
}
