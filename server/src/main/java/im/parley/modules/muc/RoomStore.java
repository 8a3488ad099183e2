package im.parley.modules.muc;

import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import java.util.List;
import java.util.Map;

/** Where persistent rooms keep what survives a restart: configuration, affiliations, reserved nicks, subject. */
interface RoomStore {
    /**
     * A persistent room's lasting state; {@code occupantIdKey} keeps its occupant ids (XEP-0421)
     * stable; {@code nicks} are the reserved nicks of affiliated users (§7.10); {@code subject} is the
     * last subject change as sent on entering (§8.1), or null.
     */
    record StoredRoom(Jid jid, Jid creator, RoomConfig config, Map<Jid, Affiliation> affiliations, String occupantIdKey,
            Map<Jid, String> nicks, Element subject) {
    }

    /** Every stored room, for the service to restore at start. */
    List<StoredRoom> load();

    /** Stores the room's state, replacing what was stored for it. */
    void save(StoredRoom room);

    /** Forgets a room that was destroyed or is no longer persistent. */
    void delete(Jid room);
}
