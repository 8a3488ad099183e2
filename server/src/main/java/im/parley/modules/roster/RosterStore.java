package im.parley.modules.roster;

import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import java.util.List;
import java.util.Optional;

/**
 * Where rosters, roster versions and pending subscription requests are kept, by local username;
 * contacts are bare JIDs. Callers serialise changes to one user's roster; methods may block.
 */
public interface RosterStore {
    List<RosterItem> items(String user);

    Optional<RosterItem> item(String user, Jid contact);

    int count(String user);

    /** The roster version (§2.6): 0 for a roster that never changed. */
    long version(String user);

    /** Inserts or replaces an item and returns the roster's new version. */
    long save(String user, RosterItem item);

    /** Removes an item and returns the roster's new version. */
    long remove(String user, Jid contact);

    /** The inbound subscription requests the user has not answered, oldest first. */
    List<Element> requests(String user);

    boolean hasRequest(String user, Jid contact);

    void saveRequest(String user, Jid contact, Element request);

    void removeRequest(String user, Jid contact);

    /** Forgets the user's roster, version and requests (the account is being deleted). */
    void deleteAll(String user);
}
