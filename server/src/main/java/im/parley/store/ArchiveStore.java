package im.parley.store;

import im.parley.xmpp.Jid;
import java.time.Instant;
import java.util.List;

/**
 * Time-ordered items per owner (messages exchanged, say), in a store of its own name, read in
 * pages: the shape XEP-0313 (message archive) and XEP-0059 (result set management) need; like
 * Prosody's archive stores. Items are ordered by id, which grows with arrival, and filtered by
 * time and by the JID they were exchanged with. An owner need not be an account (a room's
 * archive), so the feature deletes an owner's archive itself. Calls may block.
 */
public interface ArchiveStore {
    /** An item to append: who it was exchanged with, when, and the item itself (a stanza's XML). */
    record Entry(Jid with, Instant at, String value) {
    }

    /** A stored item; {@code id} is unique across the store and grows with arrival. */
    record Item(long id, Jid with, Instant at, String value) {
    }

    /**
     * Which items and which page of them. Filters: {@code with} (items exchanged with exactly this
     * JID), {@code start} and {@code end} (inclusive; null for open). Page: at most {@code max}
     * items after the item {@code after}, or before the item {@code before}, or the last ones when
     * {@code fromEnd}; with none of these, the first ones. A page is always in archive order.
     */
    record Query(Jid with, Instant start, Instant end, Long after, Long before, boolean fromEnd, int max) {
        public Query {
            if (max < 0) {
                throw new IllegalArgumentException("max < 0");
            }
            if (after != null && (before != null || fromEnd)) {
                throw new IllegalArgumentException("a page is either after an item or before one");
            }
        }

        /** The first {@code max} items. */
        public static Query first(int max) {
            return new Query(null, null, null, null, null, false, max);
        }

        /** The last {@code max} items. */
        public static Query last(int max) {
            return new Query(null, null, null, null, null, true, max);
        }

        public Query with(Jid jid) {
            return new Query(jid, start, end, after, before, fromEnd, max);
        }

        public Query between(Instant from, Instant to) {
            return new Query(with, from, to, after, before, fromEnd, max);
        }

        public Query after(long id) {
            return new Query(with, start, end, id, null, false, max);
        }

        public Query before(long id) {
            return new Query(with, start, end, null, id, true, max);
        }

        /** Whether this page runs backwards from its anchor (before an item, or from the end). */
        boolean backwards() {
            return before != null || fromEnd;
        }
    }

    /** A page of items in archive order; {@code complete} when no item matches beyond it in its direction. */
    record Page(List<Item> items, boolean complete) {
    }

    /** Appends the items in one transaction and returns their ids, in order. */
    List<Long> append(Jid owner, List<Entry> entries);

    Page query(Jid owner, Query query);

    /** Removes every item of the owner in this store. */
    void deleteAll(Jid owner);
}
