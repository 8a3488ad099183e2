package im.parley.modules.upload;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes files stored longer than {@code upload.retention-days} (bytes and rows, oldest first,
 * {@link #BATCH} at a time) and forgets expired slots, at start-up and then every {@link #PERIOD},
 * on a virtual thread of its own.
 */
final class FileExpiry {
    static final int BATCH = 1_000;
    static final Duration PERIOD = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(FileExpiry.class);

    private final UploadedFiles files;
    private final Slots slots;
    private final Duration retention;
    private final Clock clock;
    private ScheduledExecutorService scheduler;
    /** Set by stop: a pass ends after its current file. Never an interrupt, which H2 takes for a closed file. */
    private volatile boolean stopping;

    FileExpiry(UploadedFiles files, Slots slots, Duration retention, Clock clock) {
        this.files = files;
        this.slots = slots;
        this.retention = retention;
        this.clock = clock;
    }

    void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("upload-expiry").factory());
        scheduler.scheduleWithFixedDelay(this::expireLogged, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop() {
        stopping = true;
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Upload expiry did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One pass; how many files it deleted. */
    long expire() {
        Instant now = clock.instant();
        slots.expire(now);
        if (retention.isZero()) {
            return 0;
        }
        long deleted = 0;
        List<String> expired = files.createdBefore(now.minus(retention), BATCH);
        while (!expired.isEmpty() && !stopping) {
            for (String id : expired) {
                files.delete(id);
                deleted++;
            }
            expired = expired.size() < BATCH ? List.of() : files.createdBefore(now.minus(retention), BATCH);
        }
        return deleted;
    }

    private void expireLogged() {
        try {
            long deleted = expire();
            if (deleted > 0) {
                log.info("Deleted {} uploaded files older than {} days", deleted, retention.toDays());
            }
        } catch (RuntimeException e) {
            log.warn("Upload expiry failed (tried again in {} minutes): {}", PERIOD.toMinutes(), e.toString());
        }
    }
}
