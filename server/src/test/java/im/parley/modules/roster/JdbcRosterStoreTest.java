package im.parley.modules.roster;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.store.StoreContractTest;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The roster tables on every database. */
class JdbcRosterStoreTest extends StoreContractTest {
    private static final Jid JULIET = Jid.parse("juliet@example.com");
    private static final Jid NURSE = Jid.parse("nurse@example.com");

    private RosterStore store;

    @BeforeEach
    void open() {
        store = new JdbcRosterStore(database.jdbc());
    }

    @Test
    void itemsKeepTheirStateAndGroupsAndEachChangeRaisesTheVersion() {
        assertThat(store.version("romeo")).isZero();
        RosterItem juliet = new RosterItem(JULIET, "Juliet", Subscription.BOTH, false, false, Set.of("Friends", "Verona"));
        long first = store.save("romeo", juliet);
        RosterItem nurse = new RosterItem(NURSE, null, Subscription.NONE, true, true, Set.of());
        long second = store.save("romeo", nurse);
        assertThat(second).isGreaterThan(first).isEqualTo(store.version("romeo"));
        assertThat(store.items("romeo")).containsExactly(juliet, nurse);
        assertThat(store.item("romeo", JULIET)).contains(juliet);
        assertThat(store.count("romeo")).isEqualTo(2);
        assertThat(store.items("benvolio")).isEmpty();

        RosterItem regrouped = juliet.withNameAndGroups("J", Set.of("Capulets"));
        store.save("romeo", regrouped);
        assertThat(store.item("romeo", JULIET)).contains(regrouped);

        long removed = store.remove("romeo", JULIET);
        assertThat(removed).isGreaterThan(second);
        assertThat(store.item("romeo", JULIET)).isEmpty();
    }

    @Test
    void requestsAreKeptWholeUntilRemoved() {
        Element request = Element.builder("presence", Namespaces.CLIENT).attribute("type", "subscribe")
                .attribute("from", JULIET.toString()).attribute("to", "romeo@example.com")
                .child(Element.builder("status", Namespaces.CLIENT).text("It's me & <you>").build()).build();
        store.saveRequest("romeo", JULIET, request);
        store.saveRequest("romeo", JULIET, request);
        assertThat(store.hasRequest("romeo", JULIET)).isTrue();
        assertThat(store.requests("romeo")).containsExactly(request);
        store.removeRequest("romeo", JULIET);
        assertThat(store.hasRequest("romeo", JULIET)).isFalse();
    }

    @Test
    void deleteAllForgetsTheUserOnlyAndKeepsCountingVersions() {
        long saved = store.save("romeo", RosterItem.of(JULIET));
        store.save("mercutio", RosterItem.of(JULIET));
        store.saveRequest("romeo", NURSE, Element.builder("presence", Namespaces.CLIENT).build());
        store.deleteAll("romeo");
        assertThat(store.items("romeo")).isEmpty();
        assertThat(store.requests("romeo")).isEmpty();
        assertThat(store.version("romeo")).isGreaterThan(saved);
        assertThat(store.changesSince("romeo", saved)).as("the changes before the deletion are forgotten").isEmpty();
        assertThat(store.changesSince("romeo", store.version("romeo"))).contains(List.of());
        assertThat(store.items("mercutio")).hasSize(1);
    }

    @Test
    void theChangesSinceAVersionAreEachContactsLastChangeInVersionOrder() {
        long start = store.version("romeo");
        long first = store.save("romeo", RosterItem.of(JULIET));
        store.save("romeo", RosterItem.of(NURSE));
        long removed = store.remove("romeo", JULIET);
        RosterItem renamed = RosterItem.of(NURSE).withNameAndGroups("Nurse", Set.of("Capulets"));
        long last = store.save("romeo", renamed);

        List<RosterChange> expected = List.of(new RosterChange(removed, RosterItem.removal(JULIET)),
                new RosterChange(last, renamed.toElement()));
        assertThat(store.changesSince("romeo", start)).contains(expected);
        assertThat(store.changesSince("romeo", first)).contains(expected);
        assertThat(store.changesSince("romeo", removed)).contains(expected.subList(1, 2));
        assertThat(store.changesSince("romeo", last)).contains(List.of());
        assertThat(store.changesSince("romeo", last + 1)).as("a version never issued").isEmpty();

        store.save("romeo", RosterItem.of(JULIET));
        assertThat(store.changesSince("romeo", last).orElseThrow()).extracting(RosterChange::item)
                .containsExactly(RosterItem.of(JULIET).toElement());
    }
}
