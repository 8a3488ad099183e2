package im.parley.it.mam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import im.parley.ParleyServer;
import im.parley.config.ParleyConfig;
import im.parley.modules.mam.MamFeature;
import im.parley.store.ArchivePositions;
import im.parley.store.ArchiveStore;
import im.parley.store.ArchiveStore.Entry;
import im.parley.store.Database;
import im.parley.store.JdbcArchiveStore;
import im.parley.testkit.TestServer;
import im.parley.xmpp.Jid;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server with archive.retention-days expires the older messages at start-up, on its own thread. */
class ArchiveRetentionStartTest {
    private static final Jid ALICE = Jid.parse("alice@localhost");
    private static final Jid BOB = Jid.parse("bob@localhost/phone");

    @TempDir
    Path dataDir;

    @Test
    void messagesOlderThanTheRetentionGoAtStartUpAndNewerOnesStay() throws Exception {
        ParleyConfig config = TestServer.config(dataDir, "archive:\n  retention-days: 30\n");
        Instant now = Instant.now();
        try (Database database = Database.open(config.store(), dataDir)) {
            new JdbcArchiveStore(database.jdbc(), MamFeature.STORE).append(List.of(
                    entry("old", now.minus(Duration.ofDays(31))), entry("recent", now.minus(Duration.ofDays(29)))));
        }
        try (ParleyServer server = ParleyServer.start(config);
                Database database = Database.open(config.store(), dataDir)) {
            ArchiveStore archive = new JdbcArchiveStore(database.jdbc(), MamFeature.STORE);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> archive.query(ALICE, ArchiveStore.Query.first(10)).items().size() == 1);
            assertThat(archive.query(ALICE, ArchiveStore.Query.first(10)).items()).extracting(ArchiveStore.Item::value)
                    .containsExactly(message("recent"));
        }
    }

    /** An entry archived at {@code at}. */
    private static Entry entry(String body, Instant at) {
        return new Entry(ArchivePositions.of(at), ALICE, BOB, message(body));
    }

    private static String message(String body) {
        return "<message xmlns='jabber:client' from='" + BOB + "' to='" + ALICE + "'><body>" + body + "</body></message>";
    }
}
