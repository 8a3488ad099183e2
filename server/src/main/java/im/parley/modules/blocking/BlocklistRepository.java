package im.parley.modules.blocking;

import im.parley.xmpp.Jid;
import java.util.Collection;
import java.util.Set;

/** Where blocklists are kept (XEP-0191: a block "applies across sessions"). Users are bare JIDs of accounts. */
public interface BlocklistRepository {
    Set<Jid> load(Jid user);

    /** Adds the addresses not blocked yet; blocking an address twice is not an error. */
    void add(Jid user, Collection<Jid> jids);

    void remove(Jid user, Collection<Jid> jids);

    void removeAll(Jid user);
}
