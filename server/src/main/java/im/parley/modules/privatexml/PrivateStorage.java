package im.parley.modules.privatexml;

import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import java.util.List;

/**
 * Users' private XML storage (XEP-0049) for other features: what XEP-0411 keeps in step with PEP
 * bookmarks. Users are bare JIDs of accounts; calls may block.
 */
public interface PrivateStorage {
    /** Told after a user's client stored fragments (not after {@link #put}). */
    @FunctionalInterface
    interface Listener {
        void stored(Jid user, List<Element> fragments);
    }

    /** The fragments stored under the element name and namespace; empty when there are none. */
    List<Element> get(Jid user, String name, String namespace);

    /** Stores fragments of one name and namespace in place of those there, without telling the listeners. */
    void put(Jid user, List<Element> fragments);

    void onStore(Listener listener);
}
