package im.parley.modules.mam;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.store.ArchiveStore;
import im.parley.store.ArchiveStore.Entry;
import im.parley.store.ArchiveStore.Item;
import im.parley.store.ArchiveStore.Page;
import im.parley.store.ArchiveStore.Query;
import im.parley.store.JdbcArchiveStore;
import im.parley.store.StoreContractTest;
import im.parley.store.StoreException;
import im.parley.xmpp.Jid;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the archive writer keeps, and in which order, whatever order deliveries are reported in. */
class ArchiveWriterTest extends StoreContractTest {
    private static final Jid JULIET = Jid.parse("juliet@capulet.example");
    private static final Jid ROMEO = Jid.parse("romeo@montague.example/orchard");
    private static final Jid NURSE = Jid.parse("nurse@capulet.example/kitchen");

    /**
     * Two senders' messages are stamped (and delivered) in one order, but their deliveries are
     * reported the other way round: the archive keeps the stamping order, so that paging after
     * the first id a client saw finds the second (XEP-0313 §4).
     */
    @Test
    void theArchiveKeepsTheOrderIdsWereReservedInNotTheOrderWritesCameIn() {
        ArchiveStore archive = new JdbcArchiveStore(database.jdbc(), MamFeature.STORE);
        try (ArchiveWriter writer = new ArchiveWriter(archive)) {
            String first = writer.reserve(JULIET);
            String second = writer.reserve(JULIET);
            writer.writeReserved(JULIET, second, NURSE, "<message id='2'/>");
            writer.writeReserved(JULIET, first, ROMEO, "<message id='1'/>");
            writer.awaitWrites(JULIET);

            assertThat(archive.query(JULIET, Query.first(10)).items()).extracting(Item::key)
                    .containsExactly(first, second);
            long afterFirst = archive.positions(JULIET, List.of(first)).get(first);
            assertThat(archive.query(JULIET, Query.first(10).after(afterFirst)).items()).extracting(Item::key)
                    .containsExactly(second);
        }
    }

    /** A database that fails twice (restarting, say) loses nothing: the batch is tried again. */
    @Test
    void aBatchThatFailsIsWrittenAgainAfterAPause() {
        ArchiveStore archive = new FailingStore(new JdbcArchiveStore(database.jdbc(), MamFeature.STORE),
                new AtomicInteger(2), "none");
        try (ArchiveWriter writer = new ArchiveWriter(archive, Duration.ofMillis(1))) {
            String id = writer.reserve(JULIET);
            writer.writeReserved(JULIET, id, ROMEO, "<message/>");
            writer.write(NURSE.bare(), JULIET, "<message/>");
            writer.awaitWrites(JULIET);
            writer.awaitWrites(NURSE.bare());

            assertThat(archive.query(JULIET, Query.first(10)).items()).extracting(Item::key).containsExactly(id);
            assertThat(archive.query(NURSE.bare(), Query.first(10)).items()).hasSize(1);
        }
    }

    /** An entry the database always refuses is lost alone: the others of its batch, of any owner, are written. */
    @Test
    void anEntryThatCannotBeWrittenLosesOnlyItselfNotItsBatch() {
        ArchiveStore store = new JdbcArchiveStore(database.jdbc(), MamFeature.STORE);
        CountDownLatch queued = new CountDownLatch(1);
        ArchiveStore archive = new FailingStore(store, new AtomicInteger(), "poison") {
            @Override
            public void append(List<Entry> entries) {
                // The first batch waits until everything is queued, so that the rest is one batch.
                awaitQuietly(queued);
                super.append(entries);
            }
        };
        try (ArchiveWriter writer = new ArchiveWriter(archive, Duration.ofMillis(1))) {
            writer.write(NURSE.bare(), JULIET, "<message id='first'/>");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String id = writer.reserve(JULIET);
                ids.add(id);
                writer.writeReserved(JULIET, id, ROMEO, i == 2 ? "<message id='poison'/>" : "<message/>");
            }
            writer.write(NURSE.bare(), JULIET, "<message id='last'/>");
            queued.countDown();
            writer.awaitWrites(JULIET);
            writer.awaitWrites(NURSE.bare());

            ids.remove(2);
            assertThat(archive.query(JULIET, Query.first(10)).items()).extracting(Item::key).containsExactlyElementsOf(ids);
            assertThat(archive.query(NURSE.bare(), Query.first(10)).items()).hasSize(2);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A store whose appends fail a number of times, and always when an entry holds a marker. */
    private static class FailingStore implements ArchiveStore {
        private final ArchiveStore store;
        private final AtomicInteger failures;
        private final String poison;

        FailingStore(ArchiveStore store, AtomicInteger failures, String poison) {
            this.store = store;
            this.failures = failures;
            this.poison = poison;
        }

        @Override
        public long nextPosition() {
            return store.nextPosition();
        }

        @Override
        public void append(List<Entry> entries) {
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                    || entries.stream().anyMatch(entry -> entry.value().contains(poison))) {
                throw new StoreException("refused", null);
            }
            store.append(entries);
        }

        @Override
        public Page query(Jid owner, Query query) {
            return store.query(owner, query);
        }

        @Override
        public long count(Jid owner, Query query) {
            return store.count(owner, query);
        }

        @Override
        public Map<String, Long> positions(Jid owner, Collection<String> keys) {
            return store.positions(owner, keys);
        }

        @Override
        public void replace(Jid owner, long position, String value) {
            store.replace(owner, position, value);
        }

        @Override
        public void deleteAll(Jid owner) {
            store.deleteAll(owner);
        }

        @Override
        public List<Jid> owners(String host, Jid after, int max) {
            return store.owners(host, after, max);
        }

        @Override
        public int deleteBefore(Jid owner, Instant before, int max) {
            return store.deleteBefore(owner, before, max);
        }
    }
}
