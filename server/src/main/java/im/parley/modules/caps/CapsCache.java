package im.parley.modules.caps;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Verified verification strings and the features they stand for (XEP-0115 §5.4 3.8: valid
 * results are cached globally). Bounded: the least recently used entry goes first, so clients
 * inventing ver strings cannot grow it without limit.
 */
final class CapsCache {
    private final Map<EntityCaps.Verification, Set<String>> features;

    CapsCache(int capacity) {
        features = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<EntityCaps.Verification, Set<String>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The features of a verified ver, or null when it has not been verified (or was evicted). */
    synchronized Set<String> get(EntityCaps.Verification verification) {
        return features.get(verification);
    }

    synchronized void put(EntityCaps.Verification verification, Set<String> verified) {
        features.put(verification, Set.copyOf(verified));
    }
}
