package im.parley.modules.muc;

import im.parley.store.Jdbc;
import im.parley.xml.XmlText;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link RoomStore} in the tables {@code muc_room} and {@code muc_affiliation} (db/muc). */
final class JdbcRoomStore implements RoomStore {
    private static final Logger log = LoggerFactory.getLogger(JdbcRoomStore.class);

    private final Jdbc jdbc;
    private final int historyLength;

    /** @param historyLength the service's history length: the default of a room's muc#maxhistoryfetch */
    JdbcRoomStore(Jdbc jdbc, int historyLength) {
        this.jdbc = jdbc;
        this.historyLength = historyLength;
    }

    @Override
    public List<StoredRoom> load() {
        Map<Jid, Map<Jid, Affiliation>> affiliations = new HashMap<>();
        Map<Jid, Map<Jid, String>> nicks = new HashMap<>();
        jdbc.query("SELECT service, name, jid, affiliation, nick FROM muc_affiliation", row -> {
            Jid room = Jid.of(row.getString(2), row.getString(1), null);
            Jid user = Jid.parse(row.getString(3));
            affiliations.computeIfAbsent(room, k -> new HashMap<>()).put(user, Affiliation.parse(row.getString(4)));
            if (row.getString(5) != null) {
                nicks.computeIfAbsent(room, k -> new HashMap<>()).put(user, row.getString(5));
            }
            return null;
        });
        List<StoredRoom> rooms = new ArrayList<>();
        List<StoredRoom> storedInClear = new ArrayList<>();
        for (String[] row : jdbc.query("SELECT service, name, creator, config, occupant_id_key, subject FROM muc_room",
                r -> new String[] {r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6)})) {
            Jid room = Jid.of(row[1], row[0], null);
            try {
                DataForm form = DataForm.parse(XmlText.readOne(row[3]));
                String secret = form.value(RoomConfig.SECRET);
                // No bound on the history length here: the service's own history caps what is sent.
                RoomConfig config = RoomConfig.defaults(historyLength).apply(without(form, RoomConfig.SECRET), Integer.MAX_VALUE);
                boolean clear = config.secret() != null && !RoomSecret.isHash(secret);
                if (config.secret() != null) {
                    config = config.withSecret(clear ? RoomSecret.of(secret) : RoomSecret.hashed(secret));
                }
                StoredRoom restored = new StoredRoom(room, Jid.parse(row[2]), config, affiliations.getOrDefault(room, Map.of()),
                        row[4], nicks.getOrDefault(room, Map.of()), row[5] == null ? null : XmlText.readOne(row[5]));
                rooms.add(restored);
                if (clear) {
                    storedInClear.add(restored);
                }
            } catch (RuntimeException e) {
                log.warn("The stored configuration of room {} cannot be read, the room is not restored: {}", room,
                        e.getMessage());
            }
        }
        // Stored before passwords were hashed: stored again, hashed.
        storedInClear.forEach(this::save);
        return rooms;
    }

    /** The room's configuration as stored: the password's hash in place of the password. */
    private static String stored(RoomConfig config) {
        DataForm form = config.form(List.of(), List.of());
        List<DataForm.Field> fields = new ArrayList<>(without(form, RoomConfig.SECRET).fields());
        fields.add(DataForm.Field.of(RoomConfig.SECRET, "text-private", null,
                config.secret() == null ? "" : config.secret().hash()));
        return DataForm.of(form.type(), form.title(), fields).toElement().toString();
    }

    private static DataForm without(DataForm form, String var) {
        return DataForm.of(form.type(), form.title(), form.fields().stream().filter(f -> !var.equals(f.var())).toList());
    }

    @Override
    public void save(StoredRoom room) {
        String config = stored(room.config());
        List<Object[]> rows = room.affiliations().entrySet().stream()
                .map(e -> new Object[] {room.jid().domain(), room.jid().local(), e.getKey().toString(), e.getValue().value(),
                        room.nicks().get(e.getKey())})
                .toList();
        jdbc.inTransaction(tx -> {
            tx.update("DELETE FROM muc_room WHERE service = ? AND name = ?", room.jid().domain(), room.jid().local());
            tx.update("INSERT INTO muc_room (service, name, creator, config, occupant_id_key, subject) VALUES (?, ?, ?, ?, ?, ?)",
                    room.jid().domain(), room.jid().local(), room.creator().toString(), config, room.occupantIdKey(),
                    room.subject() == null ? null : XmlText.write(room.subject()));
            return tx.batch("INSERT INTO muc_affiliation (service, name, jid, affiliation, nick) VALUES (?, ?, ?, ?, ?)", rows);
        });
    }

    @Override
    public void delete(Jid room) {
        jdbc.update("DELETE FROM muc_room WHERE service = ? AND name = ?", room.domain(), room.local());
    }
}
