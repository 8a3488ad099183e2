package im.parley.modules.offline;

import java.util.function.ToIntFunction;
import im.parley.xmpp.Jid;
import java.util.List;

/** Where messages for users without an available resource wait (XEP-0160), oldest first. */
public interface OfflineStore {
    /** A message to store: the recipient (an account's bare JID) and the stanza's XML. */
    record OfflineMessage(Jid user, String stanza) {
    }

    /** A stored message; {@code id} grows with arrival, so it orders a user's messages. */
    record StoredMessage(long id, String stanza) {
    }

    /**
     * Stores the messages in one transaction, each only while its recipient has fewer than
     * {@code maxPerUser} of that recipient (their host's limit) stored. Returns, position by position, whether each message was stored;
     * when it returns, the stored ones are durable.
     */
    List<Boolean> append(List<OfflineMessage> messages, ToIntFunction<Jid> maxPerUser);

    /** The user's {@code limit} oldest messages, oldest first. */
    List<StoredMessage> oldest(Jid user, int limit);

    /** Removes the user's messages up to and including {@code id} (they have been delivered). */
    void deleteThrough(Jid user, long id);

    /** Removes all the user's messages (the account is gone). */
    void deleteAll(Jid user);
}
