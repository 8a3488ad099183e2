package im.parley.store;

import im.parley.xmpp.Jid;
import java.util.Map;
import java.util.Optional;

/**
 * A map of text keys to text values per user (private XML fragments by element name, say), in a
 * store of its own name; like Prosody's map stores. Keys may be long: they are indexed by hash.
 * Users are bare JIDs of accounts: maps are deleted with the account. Calls may block.
 */
public interface MapStore {
    Optional<String> get(Jid user, String key);

    /** The UTF-8 size in bytes of each of the user's values, by key, for quotas; no value is read. */
    Map<String, Integer> sizes(Jid user);

    /** Sets these keys' values in one transaction; stores nothing if the user's account no longer exists. */
    void putAll(Jid user, Map<String, String> entries);

    void remove(Jid user, String key);
}
