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
    private static final Jid ROMEO = Jid.parse("romeo@example.com");
    private static final Jid BENVOLIO = Jid.parse("benvolio@example.com");
    private static final Jid MERCUTIO = Jid.parse("mercutio@example.com");
    private static final Jid JULIET = Jid.parse("juliet@example.com");
    private static final Jid NURSE = Jid.parse("nurse@example.com");

    private RosterStore store;

    @BeforeEach
    void open() {
        database.migrate("roster", "classpath:db/roster");
        store = new JdbcRosterStore(database.jdbc());
    }

    @Test
    void itemsKeepTheirStateAndGroupsAndEachChangeRaisesTheVersion() {
        assertThat(store.version(ROMEO)).isZero();
        RosterItem juliet = new RosterItem(JULIET, "Juliet", Subscription.BOTH, false, false, Set.of("Friends", "Verona"));
        long first = store.save(ROMEO, juliet);
        RosterItem nurse = new RosterItem(NURSE, null, Subscription.NONE, true, true, Set.of());
        long second = store.save(ROMEO, nurse);
        assertThat(second).isGreaterThan(first).isEqualTo(store.version(ROMEO));
        assertThat(store.items(ROMEO)).containsExactly(juliet, nurse);
        assertThat(store.item(ROMEO, JULIET)).contains(juliet);
        assertThat(store.count(ROMEO)).isEqualTo(2);
        assertThat(store.items(BENVOLIO)).isEmpty();

        RosterItem regrouped = juliet.withNameAndGroups("J", Set.of("Capulets"));
        store.save(ROMEO, regrouped);
        assertThat(store.item(ROMEO, JULIET)).contains(regrouped);

        long removed = store.remove(ROMEO, JULIET);
        assertThat(removed).isGreaterThan(second);
        assertThat(store.item(ROMEO, JULIET)).isEmpty();
    }

    @Test
    void requestsAreKeptWholeUntilRemoved() {
        Element request = Element.builder("presence", Namespaces.STANZA).attribute("type", "subscribe")
                .attribute("from", JULIET.toString()).attribute("to", "romeo@example.com")
                .child(Element.builder("status", Namespaces.STANZA).text("It's me & <you>").build()).build();
        store.saveRequest(ROMEO, JULIET, request);
        store.saveRequest(ROMEO, JULIET, request);
        assertThat(store.hasRequest(ROMEO, JULIET)).isTrue();
        assertThat(store.requests(ROMEO)).containsExactly(request);
        store.removeRequest(ROMEO, JULIET);
        assertThat(store.hasRequest(ROMEO, JULIET)).isFalse();
    }

    @Test
    void deleteAllForgetsTheUserOnlyAndKeepsCountingVersions() {
        long saved = store.save(ROMEO, RosterItem.of(JULIET));
        store.save(MERCUTIO, RosterItem.of(JULIET));
        store.saveRequest(ROMEO, NURSE, Element.builder("presence", Namespaces.STANZA).build());
        store.deleteAll(ROMEO);
        assertThat(store.items(ROMEO)).isEmpty();
        assertThat(store.requests(ROMEO)).isEmpty();
        assertThat(store.version(ROMEO)).isGreaterThan(saved);
        assertThat(store.changesSince(ROMEO, saved)).as("the changes before the deletion are forgotten").isEmpty();
        assertThat(store.changesSince(ROMEO, store.version(ROMEO))).contains(List.of());
        assertThat(store.items(MERCUTIO)).hasSize(1);
    }

    @Test
    void theLongestLegalContactsAndUsersOfTwoHostsAreKeptApart() {
        String longestDomain = String.join(".", java.util.Collections.nCopies(16, "d".repeat(63)));
        Jid longest = Jid.of("l".repeat(1023), longestDomain, null);
        Jid otherRomeo = Jid.parse("romeo@capulet.example");
        RosterItem item = new RosterItem(longest, "n".repeat(1023), Subscription.TO, false, false,
                Set.of("g".repeat(1023)));
        store.save(ROMEO, item);
        store.saveRequest(ROMEO, longest, Element.builder("presence", Namespaces.STANZA).build());
        store.save(otherRomeo, RosterItem.of(JULIET));

        assertThat(store.item(ROMEO, longest)).contains(item);
        assertThat(store.hasRequest(ROMEO, longest)).isTrue();
        assertThat(store.items(otherRomeo)).extracting(RosterItem::jid).containsExactly(JULIET);
        assertThat(store.item(otherRomeo, longest)).isEmpty();
        store.remove(ROMEO, longest);
        assertThat(store.item(ROMEO, longest)).isEmpty();
    }

    @Test
    void theChangesSinceAVersionAreEachContactsLastChangeInVersionOrder() {
        long start = store.version(ROMEO);
        long first = store.save(ROMEO, RosterItem.of(JULIET));
        store.save(ROMEO, RosterItem.of(NURSE));
        long removed = store.remove(ROMEO, JULIET);
        RosterItem renamed = RosterItem.of(NURSE).withNameAndGroups("Nurse", Set.of("Capulets"));
        long last = store.save(ROMEO, renamed);

        List<RosterChange> expected = List.of(new RosterChange(removed, RosterItem.removal(JULIET)),
                new RosterChange(last, renamed.toElement()));
        assertThat(store.changesSince(ROMEO, start)).contains(expected);
        assertThat(store.changesSince(ROMEO, first)).contains(expected);
        assertThat(store.changesSince(ROMEO, removed)).contains(expected.subList(1, 2));
        assertThat(store.changesSince(ROMEO, last)).contains(List.of());
        assertThat(store.changesSince(ROMEO, last + 1)).as("a version never issued").isEmpty();

        store.save(ROMEO, RosterItem.of(JULIET));
        assertThat(store.changesSince(ROMEO, last).orElseThrow()).extracting(RosterChange::item)
                .containsExactly(RosterItem.of(JULIET).toElement());
    }
}
