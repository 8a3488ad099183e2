package im.parley.modules.upload;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.store.StoreContractTest;
import im.parley.xmpp.Jid;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files older than the retention period go, bytes and rows; newer ones and their owners' totals stay. */
class FileExpiryTest extends StoreContractTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Jid ALICE = Jid.parse("alice@example.org");

    @TempDir
    Path directory;

    @Test
    void oldFilesAreDeletedWithTheirBytes() throws Exception {
        database.migrate("upload", "classpath:db/upload");
        UploadedFiles files = new UploadedFiles(database.jdbc(), new DirectoryStore(directory));
        store(files, "A".repeat(32), NOW.minus(WEEK).minusSeconds(1));
        store(files, "B".repeat(32), NOW.minus(WEEK).minusSeconds(3600));
        store(files, "C".repeat(32), NOW.minus(WEEK).plusSeconds(1));
        assertThat(files.bytesOf(ALICE)).isEqualTo(9);

        Slots slots = new Slots();
        slots.reserve(ALICE, "late.txt", null, 1, 0, 100, 10, NOW.minusSeconds(600), NOW.minusSeconds(300));
        FileExpiry expiry = new FileExpiry(files, slots, WEEK, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(expiry.expire()).isEqualTo(2);

        assertThat(files.idsOf(ALICE)).containsExactly("C".repeat(32));
        assertThat(files.bytesOf(ALICE)).isEqualTo(3);
        try (var left = Files.list(directory)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("C".repeat(32));
        }
        assertThat(files.oldestOf(ALICE)).isEqualTo(NOW.minus(WEEK).plusSeconds(1));
        // The expired slot no longer counts: a quota of one byte takes a new one.
        assertThat(slots.reserve(ALICE, "now.txt", null, 1, 0, 1, 10, NOW, NOW.plusSeconds(60)))
                .isInstanceOf(Slots.Slot.class);
        assertThat(expiry.expire()).isZero();
    }

    private static void store(UploadedFiles files, String id, Instant created) throws Exception {
        files.store().write(id, new ByteArrayInputStream(new byte[] {1, 2, 3}), 3);
        files.add(new StoredFile(id, ALICE, id + ".bin", "application/octet-stream", 3, created));
    }
}
