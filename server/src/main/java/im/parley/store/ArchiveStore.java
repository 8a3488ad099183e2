package im.parley.store;

import im.parley.xmpp.Jid;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Time-ordered items per owner (messages exchanged, say), in a store of its own name, read in
 * pages: the shape XEP-0313 (message archive) and XEP-0059 (result set management) need; like
 * Prosody's archive stores. Each item has a position the writer took from the store when it
 * decided the item's place (which may be well before it appends it): the archive's order, the
 * time the item was archived ({@link ArchivePositions}), and the item's id, its key (a XEP-0359
 * stanza id, known before the item is written). Items are filtered by time and by the JID they
 * were exchanged with. An owner need not be an account (a room's archive), so the feature deletes
 * an owner's archive itself. Calls may block.
 */
public interface ArchiveStore {
    /**
     * An item to append: its position (from {@link #nextPosition}), whose archive, who it was
     * exchanged with (a bare or full JID), and the item itself (a stanza's XML).
     */
    record Entry(long position, Jid owner, Jid with, String value) {
    }

    /**
     * A stored item; {@code position} grows in the order positions were taken, {@code key} is its id
     * ({@link ArchivePositions#key} of the position, or the id it had before positions were times),
     * {@code at} the time of its position.
     */
    record Item(long position, String key, Jid with, Instant at, String value) {
    }

    /**
     * Which items and which page of them. Filters: {@code with} (a bare JID matches the items
     * exchanged with it and with any of its full JIDs, a full JID only its own), {@code start} and
     * {@code end} (inclusive; null for open), {@code after} and {@code before} (positions, exclusive;
     * null for open), {@code positions} (only these; null for any). Page: the first {@code max}
     * matching items, or the last ones when {@code backwards}. A page is always in archive order.
     */
    record Query(Jid with, Instant start, Instant end, Long after, Long before, List<Long> positions,
            boolean backwards, int max) {
        public Query {
            if (max < 0) {
                throw new IllegalArgumentException("max < 0");
            }
            positions = positions == null ? null : List.copyOf(positions);
        }

        /** The first {@code max} items. */
        public static Query first(int max) {
            return new Query(null, null, null, null, null, null, false, max);
        }

        /** The last {@code max} items. */
        public static Query last(int max) {
            return new Query(null, null, null, null, null, null, true, max);
        }

        public Query with(Jid jid) {
            return new Query(jid, start, end, after, before, positions, backwards, max);
        }

        public Query between(Instant from, Instant to) {
            return new Query(with, from, to, after, before, positions, backwards, max);
        }

        /** Only items after this position (the page's direction is kept). */
        public Query after(long position) {
            return new Query(with, start, end, position, before, positions, backwards, max);
        }

        /** Only items before this position (the page's direction is kept). */
        public Query before(long position) {
            return new Query(with, start, end, after, position, positions, backwards, max);
        }

        /** Only the items at these positions. */
        public Query at(List<Long> only) {
            return new Query(with, start, end, after, before, only, backwards, max);
        }
    }

    /** A page of items in archive order; {@code complete} when no item matches beyond it in its direction. */
    record Page(List<Item> items, boolean complete) {
    }

    /**
     * A new position, greater than every one taken before, without blocking: a writer takes it
     * when it decides the item's place in the archive, which may be well before it appends it.
     */
    long nextPosition();

    /** Appends the items, of any owners, each at its position, in one transaction. */
    void append(List<Entry> entries);

    Page query(Jid owner, Query query);

    /** How many items match the query's filters, whatever its page. */
    long count(Jid owner, Query query);

    /** The positions of those of these keys (ids) that are in the owner's archive. */
    Map<String, Long> positions(Jid owner, Collection<String> keys);

    /** Replaces the value of the owner's item at this position (a retracted message's tombstone); nothing when there is none. */
    void replace(Jid owner, long position, String value);

    /** Removes every item of the owner in this store. */
    void deleteAll(Jid owner);

    /**
     * A page of the owners that have items in this store, ordered by host then user name: those
     * of {@code host} (every host when null) that come after {@code after} (from the first when
     * null), at most {@code max}. An export walks every archive with it in bounded memory.
     */
    List<Jid> owners(String host, Jid after, int max);

    /**
     * Removes at most {@code max} of the owner's items archived before {@code before}, oldest
     * first, in one short transaction, and returns how many it removed: retention calls it until
     * it removes fewer, so that expiring a large backlog never holds a long lock.
     */
    int deleteBefore(Jid owner, Instant before, int max);
}
