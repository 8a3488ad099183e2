package im.parley.store;

import im.parley.xmpp.Jid;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One value per user (a user's last presence, last logout, a setting), in a store of its own name;
 * like Prosody's keyval stores. Users are bare JIDs of accounts: values are deleted with the
 * account. Calls may block.
 */
public interface KeyValueStore {
    /** A stored value (text, null allowed) and the instant it stands for (when it was sent, set...). */
    record Value(String text, Instant at) {
    }

    Optional<Value> get(Jid user);

    /**
     * Replaces the value of every user in the map, in one transaction (a batched writer's whole
     * batch); stores nothing for a user whose account no longer exists.
     */
    void setAll(Map<Jid, Value> values);

    default void set(Jid user, Value value) {
        setAll(Map.of(user, value));
    }

    void delete(Jid user);
}
