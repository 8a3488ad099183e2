package im.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.config.StoreConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    private static final StoreConfig EMBEDDED = StoreConfig.EMBEDDED;

    @TempDir
    Path dataDir;

    @Test
    void migratesAFreshEmbeddedDatabaseInTheDataDirectory() {
        Path nested = dataDir.resolve("not/yet/there");
        try (Database db = Database.open(EMBEDDED, nested)) {
            assertThat(appliedVersions(db.jdbc())).startsWith("1").doesNotHaveDuplicates();
            assertThat(db.jdbc().query("SELECT COUNT(*) FROM account", row -> row.getInt(1))).containsExactly(0);
        }
        assertThat(nested.resolve("parley.mv.db")).exists();
    }

    @Test
    void reopeningKeepsDataAndDoesNotMigrateAgain() {
        try (Database db = Database.open(EMBEDDED, dataDir)) {
            db.jdbc().update("INSERT INTO account (username) VALUES (?)", "juliet");
        }
        try (Database db = Database.open(EMBEDDED, dataDir)) {
            assertThat(appliedVersions(db.jdbc())).startsWith("1").doesNotHaveDuplicates();
            assertThat(db.jdbc().query("SELECT username FROM account", row -> row.getString(1)))
                    .containsExactly("juliet");
        }
    }

    @Test
    void usesTheConfiguredJdbcUrlInsteadOfTheDataDirectory() {
        StoreConfig external = new StoreConfig("jdbc:h2:mem:external;DB_CLOSE_DELAY=-1", "sa", "", 2);
        try (Database db = Database.open(external, dataDir.resolve("unused"))) {
            assertThat(appliedVersions(db.jdbc())).startsWith("1").doesNotHaveDuplicates();
        }
        assertThat(dataDir.resolve("unused")).doesNotExist();
    }

    @Test
    void aFailedTransactionLeavesNoTrace() {
        try (Database db = Database.open(EMBEDDED, dataDir)) {
            Jdbc jdbc = db.jdbc();
            assertThatThrownBy(() -> jdbc.inTransaction(tx -> {
                tx.update("INSERT INTO account (username) VALUES (?)", "romeo");
                return tx.update("INSERT INTO account (username) VALUES (?)", "romeo");
            })).isInstanceOf(DuplicateKeyException.class);
            assertThat(jdbc.exists("SELECT 1 FROM account WHERE username = ?", "romeo")).isFalse();
        }
    }

    @Test
    void sqlErrorsBecomeStoreExceptions() {
        try (Database db = Database.open(EMBEDDED, dataDir)) {
            assertThatThrownBy(() -> db.jdbc().update("DELETE FROM no_such_table"))
                    .isExactlyInstanceOf(StoreException.class)
                    .hasMessageContaining("NO_SUCH_TABLE");
        }
    }

    private static java.util.List<String> appliedVersions(Jdbc jdbc) {
        return jdbc.query("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"",
                row -> row.getString(1));
    }
}
