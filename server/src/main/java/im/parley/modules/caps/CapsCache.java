package im.parley.modules.caps;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Set;

/**
 * Verified verification strings and the features they stand for (XEP-0115 §5.4 3.8: valid
 * results are cached globally). Bounded, so clients inventing ver strings cannot grow it without
 * limit: past the capacity the least used entries go first.
 */
final class CapsCache {
    private final Cache<EntityCaps.Verification, Set<String>> features;

    CapsCache(int capacity) {
        features = Caffeine.newBuilder().maximumSize(capacity).build();
    }

    /** The features of a verified ver, or null when it has not been verified (or was evicted). */
    Set<String> get(EntityCaps.Verification verification) {
        return features.getIfPresent(verification);
    }

    void put(EntityCaps.Verification verification, Set<String> verified) {
        features.put(verification, Set.copyOf(verified));
    }
}
