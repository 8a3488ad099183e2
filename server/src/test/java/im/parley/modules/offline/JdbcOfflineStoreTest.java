package im.parley.modules.offline;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.modules.offline.OfflineStore.OfflineMessage;
import im.parley.modules.offline.OfflineStore.StoredMessage;
import im.parley.store.StoreContractTest;
import im.parley.xmpp.Jid;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcOfflineStoreTest extends StoreContractTest {
    private static final Jid BOB = Jid.parse("bob@example.com");
    private static final Jid CAROL = Jid.parse("carol@example.com");
    private JdbcOfflineStore store;

    @BeforeEach
    void open() {
        database.migrate("offline", "classpath:db/offline");
        store = new JdbcOfflineStore(database.jdbc());
    }

    @Test
    void messagesComeBackOldestFirstAndDeleteThroughRemovesOnlyThoseHandedOver() {
        store.append(List.of(msg(BOB, "1"), msg(CAROL, "c"), msg(BOB, "2"), msg(BOB, "3")), user -> 10);
        List<StoredMessage> firstTwo = store.oldest(BOB, 2);
        assertThat(firstTwo).extracting(StoredMessage::stanza).containsExactly("1", "2");
        store.deleteThrough(BOB, firstTwo.getLast().id());
        assertThat(store.oldest(BOB, 10)).extracting(StoredMessage::stanza).containsExactly("3");
        assertThat(store.oldest(CAROL, 10)).extracting(StoredMessage::stanza).containsExactly("c");
    }

    @Test
    void theQuotaCountsWhatIsStoredAndWhatIsEarlierInTheSameBatch() {
        store.append(List.of(msg(BOB, "1")), user -> 3);
        List<Boolean> accepted = store.append(
                List.of(msg(BOB, "2"), msg(CAROL, "c"), msg(BOB, "3"), msg(BOB, "4")), user -> 3);
        assertThat(accepted).containsExactly(true, true, true, false);
        assertThat(store.oldest(BOB, 10)).extracting(StoredMessage::stanza).containsExactly("1", "2", "3");
    }

    @Test
    void deleteAllRemovesOnlyThatUsersMessages() {
        store.append(List.of(msg(BOB, "1"), msg(CAROL, "c")), user -> 10);
        store.deleteAll(BOB);
        assertThat(store.oldest(BOB, 10)).isEmpty();
        assertThat(store.oldest(CAROL, 10)).hasSize(1);
    }

    private static OfflineMessage msg(Jid user, String stanza) {
        return new OfflineMessage(user, stanza);
    }
}
