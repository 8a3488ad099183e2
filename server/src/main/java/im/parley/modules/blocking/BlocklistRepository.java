package im.parley.modules.blocking;

import im.parley.xmpp.Jid;
import java.util.Collection;
import java.util.Set;

/** Where blocklists are kept (XEP-0191: a block "applies across sessions"). Usernames are normalized. */
public interface BlocklistRepository {
    Set<Jid> load(String username);

    /** Adds the addresses not blocked yet; blocking an address twice is not an error. */
    void add(String username, Collection<Jid> jids);

    void remove(String username, Collection<Jid> jids);

    void removeAll(String username);
}
