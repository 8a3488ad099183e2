package im.parley.modules.lastactivity;

import im.parley.store.KeyValueStore;
import java.time.Instant;

/**
 * When a user's session last ended, and the status of the unavailable presence it ended with (or
 * null); kept in a key-value store as the status and the instant.
 */
public record LastLogout(Instant at, String status) {
    static LastLogout of(KeyValueStore.Value stored) {
        return new LastLogout(stored.at(), stored.text());
    }

    KeyValueStore.Value toValue() {
        return new KeyValueStore.Value(status, at);
    }
}
