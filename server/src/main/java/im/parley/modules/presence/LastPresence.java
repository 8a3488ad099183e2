package im.parley.modules.presence;

import im.parley.xml.Element;
import java.time.Instant;

/** The unavailable presence a user's last resource sent (or was given on disconnect), and when. */
public record LastPresence(Element presence, Instant sentAt) {
}
