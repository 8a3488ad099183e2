package im.parley.store;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The positions of the archive ({@code archive_entry}, db/store), handed out in memory so that a
 * writer takes one without a database round trip, when it decides an item's place (an archive
 * stamps a message before delivering it, and pages by position: XEP-0313 §4 needs the order
 * clients saw the ids in).
 *
 * <p>A position is a time in microseconds since the epoch, made unique and increasing like a
 * hybrid logical clock: the clock's time, or one more than the last position when the clock has
 * not moved on (or went back). So a position says when its item was archived, to the
 * microsecond, and a query by time is a range of positions on the primary key: the archive needs
 * no index on time and no column for it. An item's id (its XEP-0359 stanza id) is its position in
 * base 36, so the archive needs no index on ids either: ids tell when a message was archived,
 * which its delay stamp tells anyway, and nothing else (only an archive's owner queries it).
 *
 * <p>Seeded once from the largest position stored; every archive store of a server shares one.
 */
public final class ArchivePositions {
    /** 2020-01-01T00:00:00Z: every position is later; a smaller number read as an id is an id from before positions were times. */
    private static final long EARLIEST = 1_577_836_800_000_000L;
    private static final int RADIX = 36;

    private final Clock clock;
    private final AtomicLong last;

    public ArchivePositions(Jdbc jdbc, Clock clock) {
        this.clock = clock;
        this.last = new AtomicLong(jdbc.query("SELECT COALESCE(MAX(pos), 0) FROM archive_entry",
                row -> row.getLong(1)).getFirst());
    }

    /** A position greater than every one stored or handed out before, at the clock's time when it can be. */
    long next() {
        long now = of(clock.instant());
        return last.updateAndGet(previous -> Math.max(previous + 1, now));
    }

    /** The position of an instant: its microseconds since the epoch (rounded down). */
    public static long of(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    /** The instant a position stands for. */
    public static Instant instant(long position) {
        return Instant.EPOCH.plus(position, ChronoUnit.MICROS);
    }

    /** The id of the item at a position. */
    public static String key(long position) {
        return Long.toString(position, RADIX);
    }

    /** The position an id names, or -1 when it is no such id (a key from before positions were times, say). */
    public static long parse(String key) {
        // 10 base-36 digits until 2085, 11 until the year 4000: anything longer is no position.
        if (key.isEmpty() || key.length() > 11) {
            return -1;
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.digit(key.charAt(i), RADIX) < 0 || Character.isUpperCase(key.charAt(i))) {
                return -1;
            }
        }
        long position = Long.parseLong(key, RADIX);
        return position >= EARLIEST ? position : -1;
    }
}
