package im.parley.modules.streammanagement;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Where the delivery journal's entries are kept: written and removed in batches, read back after a crash. */
interface JournalStore {
    /** A journaled message: the stanza's XML and when the server received it. */
    record Journaled(long id, Instant receivedAt, String stanza) {
    }

    /** Adds {@code added} and removes the entries {@code removed} in one transaction; durable when it returns. */
    void write(List<Journaled> added, Collection<Long> removed);

    /** The {@code limit} oldest entries, oldest first. */
    List<Journaled> oldest(int limit);

    /** The largest id stored, or 0 when there is none. */
    long largestId();
}
