package im.parley.modules.mam;

import im.parley.store.ArchiveStore;
import im.parley.store.Periodic;
import im.parley.xmpp.Jid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expires archived messages older than the retention period ({@code archive.retention-days}),
 * host by host (each host its own period) and owner by owner, at start-up and then every
 * {@link #PERIOD}, on a virtual thread of its own. Each delete removes at most {@link #BATCH}
 * items in its own short transaction, so that expiring a large backlog never holds a long lock on
 * the archive that routing writes to.
 */
final class ArchiveRetention {
    static final int BATCH = 1_000;
    static final Duration PERIOD = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(ArchiveRetention.class);

    private final ArchiveStore archive;
    /** The hosts with a retention period, and theirs. */
    private final Map<String, Duration> retention;
    private final Clock clock;
    private final Periodic schedule = new Periodic("archive-retention", PERIOD, this::expireLogged);

    ArchiveRetention(ArchiveStore archive, Map<String, Duration> retention, Clock clock) {
        this.archive = archive;
        this.retention = Map.copyOf(retention);
        this.clock = clock;
    }

    /** Runs {@link #expire} now and every {@link #PERIOD} until {@link #stop}. */
    void start() {
        schedule.start();
    }

    /** Waits for a pass under way to end after its current batch. */
    void stop() {
        schedule.stop();
    }

    /** One pass: removes every item archived before now minus its host's retention period; how many it removed. */
    long expire() {
        Instant now = clock.instant();
        long removed = 0;
        for (Map.Entry<String, Duration> host : retention.entrySet()) {
            Instant limit = now.minus(host.getValue());
            List<Jid> owners = archive.owners(host.getKey(), null, BATCH);
            while (!owners.isEmpty() && !schedule.stopping()) {
                for (Jid owner : owners) {
                    removed += expire(owner, limit);
                }
                owners = owners.size() < BATCH ? List.of() : archive.owners(host.getKey(), owners.getLast(), BATCH);
            }
        }
        return removed;
    }

    private long expire(Jid owner, Instant limit) {
        long removed = 0;
        int batch;
        do {
            batch = archive.deleteBefore(owner, limit, BATCH);
            removed += batch;
        } while (batch == BATCH && !schedule.stopping());
        return removed;
    }

    private void expireLogged() {
        long removed = expire();
        if (removed > 0) {
            log.info("Archive retention removed {} messages older than their host's retention-days", removed);
        }
    }
}
