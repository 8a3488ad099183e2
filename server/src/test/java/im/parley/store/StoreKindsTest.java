package im.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.store.ArchiveStore.Entry;
import im.parley.store.ArchiveStore.Item;
import im.parley.store.ArchiveStore.Page;
import im.parley.store.ArchiveStore.Query;
import im.parley.store.KeyValueStore.Value;
import im.parley.xmpp.Jid;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The three store kinds' contract, on every database. */
class StoreKindsTest extends StoreContractTest {
    private static final Jid JULIET = Jid.parse("juliet@capulet.example");
    /** Same username, another host: another user. */
    private static final Jid OTHER_JULIET = Jid.parse("juliet@montague.example");
    private static final Jid ROMEO = Jid.parse("romeo@montague.example/orchard");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");

    @BeforeEach
    void accounts() {
        for (Jid user : List.of(JULIET, OTHER_JULIET)) {
            database.jdbc().update("INSERT INTO account (host, username) VALUES (?, ?)", user.domain(), user.local());
        }
    }

    @Test
    void aKeyValueStoreKeepsOneValuePerUserAndStoreWithItsInstant() {
        KeyValueStore status = new JdbcKeyValueStore(database.jdbc(), "status");
        KeyValueStore other = new JdbcKeyValueStore(database.jdbc(), "other");
        assertThat(status.get(JULIET)).isEmpty();

        status.set(JULIET, new Value("away", T0));
        status.setAll(Map.of(JULIET, new Value(null, T0.plusSeconds(1)), OTHER_JULIET, new Value("here", T0)));
        other.set(JULIET, new Value("x", T0));

        assertThat(status.get(JULIET)).contains(new Value(null, T0.plusSeconds(1)));
        assertThat(status.get(OTHER_JULIET)).contains(new Value("here", T0));
        status.delete(JULIET);
        assertThat(status.get(JULIET)).isEmpty();
        assertThat(other.get(JULIET)).contains(new Value("x", T0));
    }

    @Test
    void nothingIsStoredForAUserWithoutAccountAndEverythingGoesWithTheAccount() {
        KeyValueStore values = new JdbcKeyValueStore(database.jdbc(), "status");
        MapStore maps = new JdbcMapStore(database.jdbc(), "private");
        Jid nobody = Jid.parse("nobody@capulet.example");
        values.set(nobody, new Value("x", T0));
        maps.putAll(nobody, Map.of("k", "v"));
        assertThat(values.get(nobody)).isEmpty();
        assertThat(maps.get(nobody, "k")).isEmpty();

        values.set(JULIET, new Value("x", T0));
        maps.putAll(JULIET, Map.of("k", "v"));
        database.jdbc().update("DELETE FROM account WHERE host = ? AND username = ?", JULIET.domain(), JULIET.local());
        assertThat(values.get(JULIET)).isEmpty();
        assertThat(maps.sizes(JULIET)).isEmpty();
    }

    @Test
    void aMapStoreKeepsLongKeysApartAndSizesItsValues() {
        MapStore map = new JdbcMapStore(database.jdbc(), "private");
        String longKey = "{" + "urn:x:".repeat(600) + "}storage";
        String otherLongKey = longKey + "2";
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(longKey, "<storage/>");
        entries.put(otherLongKey, "é");
        map.putAll(JULIET, entries);
        map.putAll(JULIET, Map.of(longKey, "<storage xmlns='x'/>"));
        map.putAll(OTHER_JULIET, Map.of(longKey, "other"));

        assertThat(map.get(JULIET, longKey)).contains("<storage xmlns='x'/>");
        assertThat(map.sizes(JULIET)).containsOnly(Map.entry(longKey, 20), Map.entry(otherLongKey, 2));
        map.remove(JULIET, longKey);
        assertThat(map.get(JULIET, longKey)).isEmpty();
        assertThat(map.get(OTHER_JULIET, longKey)).contains("other");
        assertThat(new JdbcMapStore(database.jdbc(), "elsewhere").get(JULIET, otherLongKey)).isEmpty();
    }

    @Test
    void anArchivePagesForwardsAndBackwardsInArrivalOrder() {
        ArchiveStore archive = new JdbcArchiveStore(database.jdbc(), "messages");
        archive.append(IntStream.range(0, 5).mapToObj(i -> entry(JULIET, ROMEO, i, "m" + i)).toList());
        archive.append(List.of(entry(OTHER_JULIET, ROMEO, 0, "not hers")));

        Page first = archive.query(JULIET, Query.first(2));
        assertThat(values(first)).containsExactly("m0", "m1");
        assertThat(first.items()).extracting(Item::key).containsExactly(ArchivePositions.key(ArchivePositions.of(T0)),
                ArchivePositions.key(ArchivePositions.of(T0.plusSeconds(1))));
        assertThat(first.items()).extracting(Item::at).containsExactly(T0, T0.plusSeconds(1));
        assertThat(first.complete()).isFalse();
        Page next = archive.query(JULIET, Query.first(2).after(first.items().getLast().position()));
        assertThat(values(next)).containsExactly("m2", "m3");
        Page rest = archive.query(JULIET, Query.first(2).after(next.items().getLast().position()));
        assertThat(values(rest)).containsExactly("m4");
        assertThat(rest.complete()).isTrue();

        Page last = archive.query(JULIET, Query.last(2));
        assertThat(values(last)).containsExactly("m3", "m4");
        Page before = archive.query(JULIET, Query.last(2).before(last.items().getFirst().position()));
        assertThat(values(before)).containsExactly("m1", "m2");
        assertThat(before.complete()).isFalse();
        assertThat(archive.query(JULIET, Query.last(10)).complete()).isTrue();
        assertThat(archive.query(JULIET, Query.first(0)).items()).isEmpty();
        assertThat(archive.count(JULIET, Query.first(1).after(first.items().getLast().position()))).isEqualTo(3);
    }

    /**
     * The position a writer took orders the archive, not when the item was appended; stores made
     * with the same positions never share one, and positions taken later (a restart) follow
     * every stored one.
     */
    @Test
    void anArchiveIsInTheOrderPositionsWereTakenAcrossStoresAndRestarts() {
        ArchivePositions positions = new ArchivePositions(database.jdbc(), Clock.systemUTC());
        ArchiveStore archive = new JdbcArchiveStore(database.jdbc(), positions, "messages");
        ArchiveStore rooms = new JdbcArchiveStore(database.jdbc(), positions, "rooms");
        long first = archive.nextPosition();
        long room = rooms.nextPosition();
        long second = archive.nextPosition();
        archive.append(List.of(new Entry(second, JULIET, ROMEO, "2")));
        rooms.append(List.of(new Entry(room, JULIET, ROMEO, "r")));
        archive.append(List.of(new Entry(first, JULIET, ROMEO, "1")));
        assertThat(List.of(first, room, second)).doesNotHaveDuplicates().isSorted();
        assertThat(values(archive.query(JULIET, Query.first(10)))).containsExactly("1", "2");

        ArchiveStore restarted = new JdbcArchiveStore(database.jdbc(), "messages");
        restarted.append(List.of(new Entry(restarted.nextPosition(), JULIET, ROMEO, "3")));
        assertThat(values(restarted.query(JULIET, Query.first(10)))).containsExactly("1", "2", "3");
    }

    @Test
    void anArchiveFindsItemsByKeyAndBetweenTwoOfThem() {
        ArchiveStore archive = new JdbcArchiveStore(database.jdbc(), "messages");
        archive.append(IntStream.range(0, 5).mapToObj(i -> entry(JULIET, ROMEO, i, "m" + i)).toList());
        archive.append(List.of(entry(OTHER_JULIET, ROMEO, 7, "not hers")));
        List<String> keys = archive.query(JULIET, Query.first(10)).items().stream().map(Item::key).toList();
        String hers = archive.query(OTHER_JULIET, Query.first(1)).items().getFirst().key();

        Map<String, Long> positions = archive.positions(JULIET, List.of(keys.get(1), keys.get(3), hers, "missing",
                ArchivePositions.key(ArchivePositions.of(T0.plusSeconds(9))), "0123456789abcdef"));
        assertThat(positions).containsOnlyKeys(keys.get(1), keys.get(3));
        assertThat(values(archive.query(JULIET, Query.first(10).after(positions.get(keys.get(1)))
                .before(positions.get(keys.get(3)))))).containsExactly("m2");
        assertThat(values(archive.query(JULIET, Query.last(10).at(List.of(positions.get(keys.get(3)),
                positions.get(keys.get(1))))))).containsExactly("m1", "m3");
        assertThat(archive.query(JULIET, Query.first(10).at(List.of())).items()).isEmpty();
    }

    @Test
    void anArchiveFiltersByTimeAndByTheJidItemsWereExchangedWith() {
        ArchiveStore archive = new JdbcArchiveStore(database.jdbc(), "messages");
        Jid nurse = Jid.parse("nurse@capulet.example");
        archive.append(List.of(entry(JULIET, ROMEO, 0, "r0"), entry(JULIET, nurse, 1, "n1"),
                entry(JULIET, ROMEO, 2, "r2"), entry(JULIET, ROMEO.bare(), 3, "r3"),
                entry(JULIET, Jid.parse("romeo@montague.example/hall"), 4, "h4")));

        Page between = archive.query(JULIET, Query.first(10).between(T0.plusSeconds(1), T0.plusSeconds(2)));
        assertThat(values(between)).containsExactly("n1", "r2");
        assertThat(between.items().getFirst().at()).isEqualTo(T0.plusSeconds(1));
        assertThat(between.items().getFirst().with()).isEqualTo(nurse);
        assertThat(values(archive.query(JULIET, Query.last(1).with(ROMEO).between(null, T0.plusSeconds(2)))))
                .containsExactly("r2");
        assertThat(values(archive.query(JULIET, Query.first(10).with(nurse)))).containsExactly("n1");
        // A bare JID matches its full JIDs too; a full JID only itself.
        assertThat(values(archive.query(JULIET, Query.first(10).with(ROMEO.bare()))))
                .containsExactly("r0", "r2", "r3", "h4");
        assertThat(values(archive.query(JULIET, Query.first(10).with(ROMEO)))).containsExactly("r0", "r2");
        assertThat(archive.count(JULIET, Query.first(1).with(ROMEO.bare()))).isEqualTo(4);

        archive.deleteAll(JULIET);
        assertThat(archive.query(JULIET, Query.first(10)).items()).isEmpty();
    }

    @Test
    void anArchiveTakesTheLongestLegalJid() {
        Jid longest = Jid.of("l".repeat(1023), String.join(".", Collections.nCopies(16, "d".repeat(63))),
                "r".repeat(1023));
        ArchiveStore archive = new JdbcArchiveStore(database.jdbc(), "messages");
        archive.append(List.of(entry(JULIET, longest, 0, "long")));
        assertThat(archive.query(JULIET, Query.first(1).with(longest)).items()).extracting(Item::with)
                .containsExactly(longest);
    }

    @Test
    void anArchiveListsItsOwnersByHostInPages() {
        ArchiveStore archive = new JdbcArchiveStore(database.jdbc(), "messages");
        Jid nurse = Jid.parse("nurse@capulet.example");
        archive.append(List.of(entry(nurse, ROMEO, 0, "n"), entry(JULIET, ROMEO, 1, "j"),
                entry(JULIET, ROMEO, 2, "j"), entry(OTHER_JULIET, ROMEO, 3, "o")));
        new JdbcArchiveStore(database.jdbc(), "elsewhere").append(List.of(entry(ROMEO.bare(), JULIET, 0, "r")));

        assertThat(archive.owners(null, null, 10)).containsExactly(JULIET, nurse, OTHER_JULIET);
        List<Jid> first = archive.owners(null, null, 2);
        assertThat(first).containsExactly(JULIET, nurse);
        assertThat(archive.owners(null, first.getLast(), 2)).containsExactly(OTHER_JULIET);
        assertThat(archive.owners("capulet.example", JULIET, 10)).containsExactly(nurse);
        assertThat(archive.owners("montague.example", null, 10)).containsExactly(OTHER_JULIET);
    }

    @Test
    void anArchiveDeletesAnOwnersItemsBeforeAnInstantInBoundedBatches() {
        ArchiveStore archive = new JdbcArchiveStore(database.jdbc(), "messages");
        Jid nurse = Jid.parse("nurse@capulet.example");
        archive.append(List.of(entry(JULIET, ROMEO, 0, "j0"), entry(nurse, ROMEO, 1, "n1"),
                entry(JULIET, ROMEO, 2, "j2"), entry(JULIET, ROMEO, 3, "j3"),
                entry(OTHER_JULIET, ROMEO, 0, "other host")));
        ArchiveStore elsewhere = new JdbcArchiveStore(database.jdbc(), "elsewhere");
        elsewhere.append(List.of(entry(JULIET, ROMEO, 0, "other store")));

        // Two of Juliet's items are before T0+3 (j3 is not): a batch of one, then one.
        assertThat(archive.deleteBefore(JULIET, T0.plusSeconds(3), 1)).isEqualTo(1);
        assertThat(archive.deleteBefore(JULIET, T0.plusSeconds(3), 1)).isEqualTo(1);
        assertThat(archive.deleteBefore(JULIET, T0.plusSeconds(3), 1)).isZero();
        assertThat(values(archive.query(JULIET, Query.first(10)))).containsExactly("j3");
        assertThat(archive.deleteBefore(nurse, T0.plusSeconds(3), 2)).isEqualTo(1);
        assertThat(archive.query(nurse, Query.first(10)).items()).isEmpty();
        assertThat(archive.deleteBefore(Jid.parse("nobody@capulet.example"), T0.plusSeconds(3), 2)).isZero();
        assertThat(values(archive.query(OTHER_JULIET, Query.first(10)))).containsExactly("other host");
        assertThat(values(elsewhere.query(JULIET, Query.first(10)))).containsExactly("other store");
        // An owner whose items all expired is no longer listed (an export skips it).
        assertThat(archive.owners("capulet.example", null, 10)).containsExactly(JULIET);
    }

    /** An entry archived {@code second}s after T0. */
    private static Entry entry(Jid owner, Jid with, int second, String value) {
        return new Entry(ArchivePositions.of(T0.plusSeconds(second)), owner, with, value);
    }

    private static List<String> values(Page page) {
        return page.items().stream().map(Item::value).toList();
    }
}
