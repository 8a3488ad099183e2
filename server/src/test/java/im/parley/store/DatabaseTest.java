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
            assertThat(appliedVersions(db.jdbc(), "account")).endsWith("1").doesNotHaveDuplicates();
            assertThat(appliedVersions(db.jdbc(), "store")).endsWith("4").doesNotHaveDuplicates();
            assertThat(db.jdbc().query("SELECT COUNT(*) FROM account", row -> row.getInt(1))).containsExactly(0);
        }
        assertThat(nested.resolve("parley.mv.db")).exists();
    }

    @Test
    void reopeningKeepsDataAndDoesNotMigrateAgain() {
        try (Database db = Database.open(EMBEDDED, dataDir)) {
            db.jdbc().update("INSERT INTO account (host, username) VALUES (?, ?)", "localhost", "juliet");
            db.migrate("roster", "classpath:db/roster");
        }
        try (Database db = Database.open(EMBEDDED, dataDir)) {
            db.migrate("roster", "classpath:db/roster");
            assertThat(appliedVersions(db.jdbc(), "account")).endsWith("1").doesNotHaveDuplicates();
            assertThat(appliedVersions(db.jdbc(), "roster")).endsWith("1").doesNotHaveDuplicates();
            assertThat(db.jdbc().query("SELECT username FROM account", row -> row.getString(1)))
                    .containsExactly("juliet");
        }
    }

    @Test
    void usesTheConfiguredJdbcUrlInsteadOfTheDataDirectory() {
        StoreConfig external = new StoreConfig("jdbc:h2:mem:external;DB_CLOSE_DELAY=-1", "sa", "", 2);
        try (Database db = Database.open(external, dataDir.resolve("unused"))) {
            assertThat(appliedVersions(db.jdbc(), "account")).endsWith("1").doesNotHaveDuplicates();
        }
        assertThat(dataDir.resolve("unused")).doesNotExist();
    }

    @Test
    void aDatabaseOfABuildBeforePerFeatureMigrationsIsRefusedUntouched() {
        try (Database db = Database.open(EMBEDDED, dataDir)) {
            // What such a build left: Flyway's default history and tables keyed by username alone.
            db.jdbc().update("CREATE TABLE \"flyway_schema_history\" (\"version\" VARCHAR(50))");
        }
        assertThatThrownBy(() -> Database.open(EMBEDDED, dataDir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("earlier Parley build")
                .hasMessageContaining("does not convert them in place");
    }

    @Test
    void aFeatureWithoutMigrationsOrWithAnInvalidNameIsAnError() {
        try (Database db = Database.open(EMBEDDED, dataDir)) {
            assertThatThrownBy(() -> db.migrate("no-such-feature", "classpath:db/no-such-feature"))
                    .isInstanceOf(StoreException.class).hasMessageContaining("no-such-feature");
            assertThatThrownBy(() -> db.migrate("../account", "classpath:db/account"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aFailedTransactionLeavesNoTrace() {
        try (Database db = Database.open(EMBEDDED, dataDir)) {
            Jdbc jdbc = db.jdbc();
            assertThatThrownBy(() -> jdbc.inTransaction(tx -> {
                tx.update("INSERT INTO account (host, username) VALUES (?, ?)", "localhost", "romeo");
                return tx.update("INSERT INTO account (host, username) VALUES (?, ?)", "localhost", "romeo");
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

    private static java.util.List<String> appliedVersions(Jdbc jdbc, String feature) {
        return jdbc.query("SELECT \"version\" FROM \"" + Database.historyTable(feature) + "\" WHERE \"success\""
                + " AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"", row -> row.getString(1));
    }
}
