package im.parley.modules.mam;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.store.ArchiveStore;
import im.parley.store.ArchiveStore.Item;
import im.parley.store.ArchiveStore.Query;
import im.parley.store.JdbcArchiveStore;
import im.parley.store.StoreContractTest;
import im.parley.xmpp.Jid;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the archive writer keeps, and in which order, whatever order deliveries are reported in. */
class ArchiveWriterTest extends StoreContractTest {
    private static final Jid JULIET = Jid.parse("juliet@capulet.example");
    private static final Jid ROMEO = Jid.parse("romeo@montague.example/orchard");
    private static final Jid NURSE = Jid.parse("nurse@capulet.example/kitchen");
    private static final Instant T0 = Instant.parse("2026-12-06T05:00:00Z");

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
            writer.writeReserved(JULIET, second, NURSE, T0, "<message id='2'/>");
            writer.writeReserved(JULIET, first, ROMEO, T0, "<message id='1'/>");
            writer.awaitWrites(JULIET);

            assertThat(archive.query(JULIET, Query.first(10)).items()).extracting(Item::key)
                    .containsExactly(first, second);
            long afterFirst = archive.positions(JULIET, List.of(first)).get(first);
            assertThat(archive.query(JULIET, Query.first(10).after(afterFirst)).items()).extracting(Item::key)
                    .containsExactly(second);
        }
    }
}
