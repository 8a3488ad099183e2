package im.parley.modules.presence;

import im.parley.xml.Element;
import java.time.Instant;
import java.util.Optional;

/** Keeps each user's last unavailable presence across restarts, to answer probes while offline (RFC 6121 §4.3.2). */
public interface LastPresenceStore {
    Optional<LastPresence> find(String user);

    void save(String user, Element presence, Instant sentAt);

    void delete(String user);
}
