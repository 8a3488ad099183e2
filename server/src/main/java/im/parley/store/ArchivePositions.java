package im.parley.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The positions of the {@code archive_store} table, handed out in memory so that a writer takes
 * one without a database round trip, when it decides an item's place (an archive stamps a message
 * before delivering it, and pages by position: XEP-0313 §4 needs the order clients saw the ids in).
 * Seeded once from the largest position stored; every archive store of a server shares one, as
 * the position is unique across the table. The column's own identity sequence is never used.
 */
public final class ArchivePositions {
    private final AtomicLong last;

    public ArchivePositions(Jdbc jdbc) {
        this.last = new AtomicLong(jdbc.query("SELECT COALESCE(MAX(id), 0) FROM archive_store",
                row -> row.getLong(1)).getFirst());
    }

    /** A position greater than every one stored or handed out before. */
    long next() {
        return last.incrementAndGet();
    }
}
