package im.parley.modules.mam;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.store.ArchivePositions;
import im.parley.store.ArchiveStore;
import im.parley.store.ArchiveStore.Entry;
import im.parley.store.ArchiveStore.Query;
import im.parley.store.JdbcArchiveStore;
import im.parley.store.StoreContractTest;
import im.parley.xmpp.Jid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Retention expires what is older than the period, on every hosted domain, in more batches than one. */
class ArchiveRetentionTest extends StoreContractTest {
    private static final Jid JULIET = Jid.parse("juliet@capulet.example");
    private static final Jid ROMEO = Jid.parse("romeo@montague.example");
    private static final Jid STRANGER = Jid.parse("someone@elsewhere.example");
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final Duration THIRTY_DAYS = Duration.ofDays(30);

    @Test
    void oldMessagesExpireAndNewerOnesStay() {
        ArchiveStore archive = new JdbcArchiveStore(database.jdbc(), "mam");
        Instant limit = NOW.minus(THIRTY_DAYS);
        // More old items than a batch, so that a pass needs several deletes.
        int old = ArchiveRetention.BATCH * 2 + 10;
        List<Entry> entries = new ArrayList<>();
        IntStream.range(0, old).forEach(i -> entries.add(entry(JULIET, "old" + i, limit.minusSeconds(1 + i))));
        entries.add(entry(ROMEO, "old-romeo", limit.minusMillis(1)));
        entries.add(entry(JULIET, "at-limit", limit));
        entries.add(entry(ROMEO, "recent", NOW.minusSeconds(60)));
        entries.add(entry(STRANGER, "not-hosted", limit.minusSeconds(1)));
        archive.append(entries);

        ArchiveRetention retention = new ArchiveRetention(archive,
                Map.of("capulet.example", THIRTY_DAYS, "montague.example", THIRTY_DAYS), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(retention.expire()).isEqualTo(old + 1);

        assertThat(keys(archive, JULIET)).containsExactly("at-limit");
        assertThat(keys(archive, ROMEO)).containsExactly("recent");
        assertThat(keys(archive, STRANGER)).containsExactly("not-hosted");
        assertThat(retention.expire()).isZero();

        // A day later the item at the old limit has expired too.
        ArchiveRetention later = new ArchiveRetention(archive,
                Map.of("capulet.example", THIRTY_DAYS, "montague.example", THIRTY_DAYS), Clock.fixed(NOW.plus(Duration.ofDays(1)), ZoneOffset.UTC));
        assertThat(later.expire()).isEqualTo(1);
        assertThat(keys(archive, JULIET)).isEmpty();
        assertThat(keys(archive, ROMEO)).containsExactly("recent");
    }

    /** An entry archived at {@code at}, its value naming it. */
    private static Entry entry(Jid owner, String name, Instant at) {
        return new Entry(ArchivePositions.of(at), owner, STRANGER, name);
    }

    private static List<String> keys(ArchiveStore archive, Jid owner) {
        return archive.query(owner, Query.first(10)).items().stream().map(ArchiveStore.Item::value).toList();
    }
}
