package im.parley.modules.presence;

import im.parley.store.KeyValueStore;
import im.parley.xml.Element;
import im.parley.xml.XmlText;
import java.time.Instant;

/**
 * The unavailable presence a user's last resource sent (or was given on disconnect), and when;
 * kept across restarts in a key-value store, to answer probes while the user is offline (RFC 6121
 * §4.3.2): the stanza's XML and the instant it was sent.
 */
public record LastPresence(Element presence, Instant sentAt) {
    static LastPresence of(KeyValueStore.Value stored) {
        return new LastPresence(XmlText.readOne(stored.text()), stored.at());
    }

    KeyValueStore.Value toValue() {
        return new KeyValueStore.Value(XmlText.write(presence), sentAt);
    }
}
