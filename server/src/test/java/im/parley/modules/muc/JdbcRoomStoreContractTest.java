package im.parley.modules.muc;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.store.StoreContractTest;
import im.parley.xml.Element;
import im.parley.xml.XmlText;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.DataForm.Field;
import im.parley.xmpp.Jid;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The persistent rooms' store on every database. */
class JdbcRoomStoreContractTest extends StoreContractTest {
    private static final Jid HALL = Jid.parse("hall@conference.example.com");
    private static final Jid OTHER_HALL = Jid.parse("hall@conference.example.net");
    private static final Jid ALICE = Jid.parse("alice@example.com");
    private static final Jid BOB = Jid.parse("bob@example.com");
    private static final Element SUBJECT = XmlText.readOne("<message xmlns='jabber:client' type='groupchat'"
            + " from='hall@conference.example.com/alice'><subject>Plans</subject></message>");

    private JdbcRoomStore store;

    @BeforeEach
    void open() {
        database.migrate("muc", "classpath:db/muc");
        store = new JdbcRoomStore(database.jdbc(), 20);
    }

    private static RoomConfig configured(String... varsAndValues) {
        List<Field> fields = new java.util.ArrayList<>();
        for (int i = 0; i < varsAndValues.length; i += 2) {
            fields.add(Field.of(varsAndValues[i], null, null, varsAndValues[i + 1]));
        }
        return RoomConfig.defaults(20).apply(DataForm.of(DataForm.Type.SUBMIT, null, fields), 20);
    }

    @Test
    void aRoomIsStoredWholeReplacedOnSaveAndKeptPerService() {
        RoomConfig config = configured("muc#roomconfig_roomname", "Hall", "muc#roomconfig_persistentroom", "1",
                "muc#roomconfig_passwordprotectedroom", "1", "muc#roomconfig_roomsecret", "s3cret",
                "muc#roomconfig_maxusers", "30", "muc#roomconfig_allowpm", "moderators", "muc#maxhistoryfetch", "5");
        store.save(new RoomStore.StoredRoom(HALL, ALICE, config, Map.of(ALICE, Affiliation.OWNER, BOB, Affiliation.OUTCAST), "key1",
                Map.of(), null));
        store.save(new RoomStore.StoredRoom(OTHER_HALL, BOB, config, Map.of(BOB, Affiliation.OWNER), "key2", Map.of(), null));
        store.save(new RoomStore.StoredRoom(HALL, ALICE, config, Map.of(ALICE, Affiliation.OWNER, BOB, Affiliation.MEMBER), "key1",
                Map.of(BOB, "robert"), SUBJECT));

        assertThat(store.load()).containsExactlyInAnyOrder(
                new RoomStore.StoredRoom(HALL, ALICE, config, Map.of(ALICE, Affiliation.OWNER, BOB, Affiliation.MEMBER), "key1",
                        Map.of(BOB, "robert"), SUBJECT),
                new RoomStore.StoredRoom(OTHER_HALL, BOB, config, Map.of(BOB, Affiliation.OWNER), "key2", Map.of(), null));
        RoomSecret restored = store.load().get(0).config().secret();
        assertThat(restored.matches("s3cret")).isTrue();
        assertThat(restored.matches("s3cret!")).isFalse();
        assertThat(restored.clear()).as("known after a restart").isNull();
        assertThat(database.jdbc().query("SELECT config FROM muc_room", row -> row.getString(1)))
                .noneMatch(stored -> stored.contains("s3cret"));
    }

    @Test
    void aPasswordStoredInClearBeforeHashingIsReadAndStoredAgainHashed() {
        store.save(new RoomStore.StoredRoom(HALL, ALICE, RoomConfig.defaults(20), Map.of(ALICE, Affiliation.OWNER), "key",
                Map.of(), null));
        database.jdbc().update("UPDATE muc_room SET config = ?", configured("muc#roomconfig_passwordprotectedroom", "1",
                "muc#roomconfig_roomsecret", "old-s3cret").form(List.of(), List.of()).toElement().toString());

        assertThat(store.load().get(0).config().secret().matches("old-s3cret")).isTrue();
        assertThat(database.jdbc().query("SELECT config FROM muc_room", row -> row.getString(1)))
                .noneMatch(stored -> stored.contains("old-s3cret"));
        assertThat(store.load().get(0).config().secret().matches("old-s3cret")).isTrue();
    }

    @Test
    void aDeletedRoomTakesItsAffiliationsWithIt() {
        store.save(new RoomStore.StoredRoom(HALL, ALICE, RoomConfig.defaults(20), Map.of(ALICE, Affiliation.OWNER), "key",
                Map.of(), null));
        store.delete(HALL);
        assertThat(store.load()).isEmpty();
        assertThat(database.jdbc().query("SELECT COUNT(*) FROM muc_affiliation", row -> row.getInt(1))).containsExactly(0);
    }
}
