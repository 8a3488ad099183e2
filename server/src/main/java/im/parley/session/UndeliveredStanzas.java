package im.parley.session;

import im.parley.xmpp.Stanza;

/**
 * Where the stanzas a session took but its client never acknowledged go when the session ends
 * (XEP-0198 §5): where they would have gone had the user been offline.
 */
@FunctionalInterface
public interface UndeliveredStanzas {
    void undelivered(Stanza stanza);
}
