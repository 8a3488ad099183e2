package im.parley.modules.offline;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.modules.offline.OfflineStore.OfflineMessage;
import im.parley.modules.offline.OfflineStore.StoredMessage;
import im.parley.store.StoreContractTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcOfflineStoreTest extends StoreContractTest {
    private JdbcOfflineStore store;

    @BeforeEach
    void open() {
        store = new JdbcOfflineStore(database.jdbc());
    }

    @Test
    void messagesComeBackOldestFirstAndDeleteThroughRemovesOnlyThoseHandedOver() {
        store.append(List.of(msg("bob", "1"), msg("carol", "c"), msg("bob", "2"), msg("bob", "3")), 10);
        List<StoredMessage> firstTwo = store.oldest("bob", 2);
        assertThat(firstTwo).extracting(StoredMessage::stanza).containsExactly("1", "2");
        store.deleteThrough("bob", firstTwo.getLast().id());
        assertThat(store.oldest("bob", 10)).extracting(StoredMessage::stanza).containsExactly("3");
        assertThat(store.oldest("carol", 10)).extracting(StoredMessage::stanza).containsExactly("c");
    }

    @Test
    void theQuotaCountsWhatIsStoredAndWhatIsEarlierInTheSameBatch() {
        store.append(List.of(msg("bob", "1")), 3);
        List<Boolean> accepted = store.append(
                List.of(msg("bob", "2"), msg("carol", "c"), msg("bob", "3"), msg("bob", "4")), 3);
        assertThat(accepted).containsExactly(true, true, true, false);
        assertThat(store.oldest("bob", 10)).extracting(StoredMessage::stanza).containsExactly("1", "2", "3");
    }

    @Test
    void deleteAllRemovesOnlyThatUsersMessages() {
        store.append(List.of(msg("bob", "1"), msg("carol", "c")), 10);
        store.deleteAll("bob");
        assertThat(store.oldest("bob", 10)).isEmpty();
        assertThat(store.oldest("carol", 10)).hasSize(1);
    }

    private static OfflineMessage msg(String user, String stanza) {
        return new OfflineMessage(user, stanza);
    }
}
