package im.parley.modules.mam;

import im.parley.store.ArchivePositions;
import im.parley.store.ArchiveStore;
import im.parley.store.ArchiveStore.Entry;
import im.parley.store.GroupCommit;
import im.parley.xmpp.Jid;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Archive writes in batches (group commit) that routing never waits for, and what a query waits
 * for so that it sees every message its owner received before asking.
 *
 * <p>A recipient can read a message, and query, before the router has reported the delivery
 * that queues its archive write. So the id is reserved when the message is stamped, before
 * delivery, and the owner's next query waits until that reservation is either written or
 * released (the message was refused or bounced). A reservation nobody settles (the routing of
 * its message failed half-way) lapses after {@link #LAPSE_SECONDS}, so no query waits for ever.
 *
 * <p>The entry's position is its id (ArchivePositions), taken when the message is stamped: the
 * order in which deliveries are reported is not the order in which they were stamped and
 * delivered (two senders' routing threads race), and a client paging from the last id it saw
 * (XEP-0313 §4) must find every message delivered after it.
 *
 * <p>A message is archived after it was delivered, so a failed write is not given up lightly: a
 * batch that fails is tried again {@link #ATTEMPTS} times with a growing pause (the database may
 * be restarting), then split in halves, each written on its own, down to the single entries that
 * still fail, which alone are lost and logged. While the writer waits, senders' threads wait past
 * {@link #HIGH_WATER} queued entries rather than let the queue grow without limit.
 */
final class ArchiveWriter implements AutoCloseable {
    /** Most entries one store transaction takes; more waiting ones go into the next. */
    private static final int MAX_BATCH = 512;
    /** Queued entries past which a sender's (virtual) thread waits for the writer. */
    private static final int HIGH_WATER = 16 * MAX_BATCH;
    /** How many times a batch is written before it is split. */
    static final int ATTEMPTS = 5;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    static final int LAPSE_SECONDS = 10;
    private static final Logger log = LoggerFactory.getLogger(ArchiveWriter.class);

    private final ArchiveStore archive;
    private final Duration firstPause;
    private final GroupCommit<Entry, Void> writer;
    /** Per reserved position not yet written or released: done once it is. */
    private final Map<Long, CompletableFuture<Void>> reservations = new ConcurrentHashMap<>();
    /** Per owner: done once every reservation and write so far is settled (earlier ones chained in). */
    private final Map<Jid, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();

    ArchiveWriter(ArchiveStore archive) {
        this(archive, FIRST_PAUSE);
    }

    /** A writer pausing {@code firstPause} after a batch's first failure, twice as long after each next one. */
    ArchiveWriter(ArchiveStore archive, Duration firstPause) {
        this.archive = archive;
        this.firstPause = firstPause;
        this.writer = new GroupCommit<>("archive-writer", MAX_BATCH, HIGH_WATER, batch -> {
            appendRetrying(batch);
            return Collections.nCopies(batch.size(), null);
        });
    }

    /** Runs on the writer thread: pausing there holds back only archive writes. */
    private void appendRetrying(List<Entry> batch) {
        Duration pause = firstPause;
        for (int attempt = 1; attempt < ATTEMPTS; attempt++) {
            try {
                archive.append(batch);
                return;
            } catch (RuntimeException e) {
                log.debug("Archive write of {} entries failed (attempt {}), again in {}", batch.size(), attempt, pause, e);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pause = pause.multipliedBy(2);
        }
        appendIsolating(batch);
    }

    /** Writes the batch, or else each half of it, so that only the entries that cannot be written are lost. */
    private void appendIsolating(List<Entry> batch) {
        try {
            archive.append(batch);
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                log.warn("Could not archive message {} for {}: {}", ArchivePositions.key(batch.getFirst().position()), batch.getFirst().owner(),
                        e.toString());
                return;
            }
            appendIsolating(batch.subList(0, batch.size() / 2));
            appendIsolating(batch.subList(batch.size() / 2, batch.size()));
        }
    }

    /**
     * A new id for an entry of the owner's archive (its position's), placed after every entry
     * reserved or written before; the owner's queries wait for it until it is settled.
     */
    String reserve(Jid owner) {
        long position = archive.nextPosition();
        CompletableFuture<Void> settled = new CompletableFuture<Void>().completeOnTimeout(null, LAPSE_SECONDS, TimeUnit.SECONDS);
        reservations.put(position, settled);
        settled.whenComplete((ok, failure) -> reservations.remove(position, settled));
        track(owner, settled);
        return ArchivePositions.key(position);
    }

    /** The reserved id will not be written (the message was not archived after all). */
    void release(String id) {
        CompletableFuture<Void> settled = reservations.get(ArchivePositions.parse(id));
        if (settled != null) {
            settled.complete(null);
        }
    }

    /** Queues an entry at a new position (the sender's copy) for the owner. */
    void write(Jid owner, Jid with, String value) {
        queue(new Entry(archive.nextPosition(), owner, with, value));
    }

    /**
     * Queues the entry of a reserved id at the position the id names (even when its reservation
     * lapsed: the id is already on the delivered message); the reservation is settled once it is written.
     */
    void writeReserved(Jid owner, String id, Jid with, String value) {
        long position = ArchivePositions.parse(id);
        if (position < 0) {
            // Not an id this archive stamped: never seen, as the delivery hook strips every other.
            log.warn("Archiving a message for {} under a foreign id {}: given a new one", owner, id);
            position = archive.nextPosition();
        }
        CompletableFuture<Void> written = queue(new Entry(position, owner, with, value));
        CompletableFuture<Void> settled = reservations.get(position);
        if (settled != null) {
            written.whenComplete((ok, failure) -> settled.complete(null));
        }
    }

    private CompletableFuture<Void> queue(Entry entry) {
        CompletableFuture<Void> written;
        try {
            written = writer.enqueue(entry);
        } catch (IllegalStateException e) {
            log.warn("Archive closed; a message for {} was not archived", entry.owner());
            return CompletableFuture.completedFuture(null);
        }
        track(entry.owner(), written);
        return written;
    }

    private void track(Jid owner, CompletableFuture<Void> settled) {
        CompletableFuture<Void> all = pending.merge(owner, settled, CompletableFuture::allOf);
        all.whenComplete((ok, failure) -> pending.remove(owner, all));
    }

    /**
     * Runs {@code change} to the owner's archive on {@code executor} once the owner's entries
     * reserved and queued so far are settled (the item it changes is written); the owner's later
     * queries wait for it as for a write.
     */
    void afterWrites(Jid owner, Executor executor, Runnable change) {
        CompletableFuture<Void> before = pending.getOrDefault(owner, CompletableFuture.completedFuture(null));
        track(owner, before.exceptionally(failure -> null).thenRunAsync(change, executor));
    }

    /** Waits until the owner's reserved and queued entries are settled, so that a query sees them. */
    void awaitWrites(Jid owner) {
        CompletableFuture<Void> all = pending.get(owner);
        if (all != null) {
            all.exceptionally(failure -> null).join();
        }
    }

    /** Writes what was queued, then stops. */
    @Override
    public void close() {
        writer.close();
    }
}
