package im.parley.modules.presence;

import java.util.Map;
import java.util.Optional;

/** Keeps each user's last unavailable presence across restarts, to answer probes while offline (RFC 6121 §4.3.2). */
public interface LastPresenceStore {
    Optional<LastPresence> find(String user);

    /** Replaces the last presence of every user in the map, in one transaction. */
    void saveAll(Map<String, LastPresence> byUser);

    void delete(String user);
}
