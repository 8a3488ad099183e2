package im.parley.modules.search;

import im.parley.xmpp.Jid;
import java.util.List;
import java.util.Map;

/**
 * The user directory: who opted in to be found, and searches over the vCards of those users, one
 * host at a time. Users are bare JIDs of accounts; calls may block.
 */
public interface DirectoryRepository {
    boolean listed(Jid user);

    /** Lists or unlists the user; listing a deleted account stores nothing. */
    void setListed(Jid user, boolean listed);

    /**
     * The listed users of {@code host} whose every given field contains the given text, ignoring
     * case, in username order; at most {@code limit}. {@code criteria} must not be empty.
     */
    List<DirectoryEntry> search(String host, Map<SearchField, String> criteria, int limit);
}
