package im.parley.modules.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.store.StoreContractTest;
import im.parley.xml.Element;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pubsub store on every database: nodes with their state, items kept newest first up to max_items, paging. */
class JdbcPubsubStoreContractTest extends StoreContractTest {
    private static final Jid ALICE = Jid.parse("alice@example.com");
    private static final Jid BOB = Jid.parse("bob@example.com");
    private static final Jid CAROL = Jid.parse("carol@example.com");
    private static final NodeConfig DEFAULTS = NodeConfig.defaults(AccessModel.PRESENCE, "1");

    private JdbcPubsubStore store;

    @BeforeEach
    void open() {
        database.migrate("pubsub", "classpath:db/pubsub");
        store = new JdbcPubsubStore(database.jdbc(), DEFAULTS);
    }

    private static Item item(String id) {
        return new Item(id, ALICE, Element.builder("entry", "urn:test").text(id).build());
    }

    private static NodeConfig configured(String var, String value) {
        return DEFAULTS.apply(DataForm.of(DataForm.Type.SUBMIT, null, List.of(DataForm.Field.of(var, null, null, value))));
    }

    @Test
    void aNodeIsStoredWithItsStateAndItsNewestItem() {
        NodeConfig whitelist = configured("pubsub#access_model", "whitelist");
        Map<Jid, Subscription> subscriptions = Map.of(BOB.withResource("phone"), Subscription.of("sub1",
                Subscription.State.SUBSCRIBED), CAROL, new Subscription("sub2", Subscription.State.PENDING, false));
        store.saveNode(ALICE, new PubsubStore.StoredNode("keys", whitelist, Map.of(BOB, Affiliation.MEMBER),
                subscriptions, null));
        store.saveNode(BOB, new PubsubStore.StoredNode("keys", DEFAULTS, Map.of(), Map.of(), null));
        store.publish(ALICE, "keys", item("a"), 10);
        store.publish(ALICE, "keys", item("b"), 10);

        assertThat(store.nodes(ALICE)).containsExactly(new PubsubStore.StoredNode("keys", whitelist,
                Map.of(BOB, Affiliation.MEMBER), subscriptions, item("b")));
        assertThat(store.nodes(BOB)).containsExactly(new PubsubStore.StoredNode("keys", DEFAULTS, Map.of(), Map.of(), null));
    }

    @Test
    void publishingKeepsTheNewestMaxItemsAndARepublishedIdIsNewestAgain() {
        store.saveNode(ALICE, new PubsubStore.StoredNode("log", DEFAULTS, Map.of(), Map.of(), null));
        for (String id : List.of("1", "2", "3", "4", "2")) {
            store.publish(ALICE, "log", item(id), 3);
        }
        assertThat(store.items(ALICE, "log", 10, PubsubStore.Paging.FIRST)).isEqualTo(new PubsubStore.Page(
                List.of(item("2"), item("4"), item("3")), 3, 0));
        assertThat(store.items(ALICE, "log", 1, new PubsubStore.Paging("4", null, 0)))
                .isEqualTo(new PubsubStore.Page(List.of(item("3")), 3, 2));
        assertThat(store.items(ALICE, "log", 1, new PubsubStore.Paging(null, "4", 0)))
                .isEqualTo(new PubsubStore.Page(List.of(item("2")), 3, 0));
        assertThat(store.items(ALICE, "log", 2, new PubsubStore.Paging(null, "", 0)))
                .isEqualTo(new PubsubStore.Page(List.of(item("4"), item("3")), 3, 1));
        assertThat(store.items(ALICE, "log", 5, new PubsubStore.Paging(null, null, 2)))
                .isEqualTo(new PubsubStore.Page(List.of(item("3")), 3, 2));
        assertThat(store.items(ALICE, "log", 5, new PubsubStore.Paging("1", null, 0))).isNull();
        assertThat(store.items(ALICE, "log", List.of("3", "2", "9"))).containsExactly(item("2"), item("3"));

        assertThat(store.retract(ALICE, "log", "4")).isTrue();
        assertThat(store.retract(ALICE, "log", "4")).isFalse();
        store.purge(ALICE, "log");
        assertThat(store.items(ALICE, "log", 10, PubsubStore.Paging.FIRST).count()).isZero();
    }

    @Test
    void deletingANodeOrTheServiceTakesEverythingWithIt() {
        store.saveNode(ALICE, new PubsubStore.StoredNode("a", DEFAULTS, Map.of(BOB, Affiliation.PUBLISHER), Map.of(), null));
        store.saveNode(ALICE, new PubsubStore.StoredNode("b", DEFAULTS, Map.of(), Map.of(BOB, Subscription.of("s", Subscription.State.SUBSCRIBED)), null));
        store.publish(ALICE, "a", item("1"), NodeConfig.MAX);
        store.publish(ALICE, "b", item("1"), NodeConfig.MAX);
        store.deleteNode(ALICE, "a");
        assertThat(store.nodes(ALICE)).extracting(PubsubStore.StoredNode::name).containsExactly("b");
        store.deleteService(ALICE);
        assertThat(store.nodes(ALICE)).isEmpty();
        for (String table : List.of("pubsub_item", "pubsub_affiliation", "pubsub_subscription")) {
            assertThat(database.jdbc().query("SELECT COUNT(*) FROM " + table, row -> row.getInt(1))).containsExactly(0);
        }
    }
}
