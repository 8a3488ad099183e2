package im.parley.modules.upload;

import im.parley.store.Periodic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes files stored longer than {@code upload.retention-days} (bytes and rows, oldest first,
 * {@link #BATCH} at a time) and forgets expired slots, at start-up and then every {@link #PERIOD}
 * ({@link Periodic}).
 */
final class FileExpiry {
    static final int BATCH = 1_000;
    static final Duration PERIOD = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(FileExpiry.class);

    private final UploadedFiles files;
    private final Slots slots;
    private final Duration retention;
    private final Clock clock;
    private final Periodic schedule = new Periodic("upload-expiry", PERIOD, this::expireLogged);

    FileExpiry(UploadedFiles files, Slots slots, Duration retention, Clock clock) {
        this.files = files;
        this.slots = slots;
        this.retention = retention;
        this.clock = clock;
    }

    void start() {
        schedule.start();
    }

    void stop() {
        schedule.stop();
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
        while (!expired.isEmpty() && !schedule.stopping()) {
            for (String id : expired) {
                files.delete(id);
                deleted++;
            }
            expired = expired.size() < BATCH ? List.of() : files.createdBefore(now.minus(retention), BATCH);
        }
        return deleted;
    }

    private void expireLogged() {
        long deleted = expire();
        if (deleted > 0) {
            log.info("Deleted {} uploaded files older than {} days", deleted, retention.toDays());
        }
    }
}
