package im.parley.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.bench.report.Json;
import im.parley.config.StoreConfig;
import im.parley.store.Database;
import im.parley.store.JdbcArchiveStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive-writes scenario on a small embedded store: both ways run and every write lands. */
class ArchiveWritesTest {
    @Test
    void bothWaysWriteEveryMessage(@TempDir Path data) throws Exception {
        try (Database database = Database.open(StoreConfig.EMBEDDED, data)) {
            Json result = ArchiveWrites.run(new JdbcArchiveStore(database.jdbc(), "bench"), 200, 4);
            assertThat(((Number) result.get("one_transaction_per_message_writes_per_s")).longValue()).isPositive();
            assertThat(((Number) result.get("group_commit_writes_per_s")).longValue()).isPositive();
        }
    }
}
