package im.parley.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import im.parley.config.StoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The server's database: a connection pool, and the schema of each feature brought up to date by
 * that feature's versioned migrations ({@code classpath:db/<feature>/V<n>__<what>.sql}, with a
 * history table of its own, {@code flyway_history_<feature>}), so that two features never race for
 * a version number and a feature that is not loaded leaves its tables untouched. Without a
 * configured JDBC URL it is an embedded H2 database in the data directory, so a first start needs
 * no set-up.
 */
public final class Database implements AutoCloseable {
    /** What every feature's tables refer to: the accounts, then the store kinds. */
    private static final List<String> CORE_FEATURES = List.of("account", "store");
    /** Flyway's default history table: only builds before per-feature migrations created it. */
    private static final String LEGACY_HISTORY = "flyway_schema_history";
    private static final Pattern FEATURE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    private final HikariDataSource pool;
    private final Jdbc jdbc;

    private Database(HikariDataSource pool) {
        this.pool = pool;
        this.jdbc = new Jdbc(pool);
    }

    /**
     * Opens the pool and brings the core schema (accounts, store kinds) up to date; on failure
     * nothing is left open.
     *
     * @throws StoreException if a migration fails, or the database was created by a build older
     *     than per-feature migrations (it is refused, never changed)
     */
    public static Database open(StoreConfig config, Path dataDir) {
        HikariDataSource pool = new HikariDataSource(poolConfig(config, dataDir));
        Database database = new Database(pool);
        try {
            database.refuseLegacySchema();
            CORE_FEATURES.forEach(feature -> database.migrate(feature, "classpath:db/" + feature));
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return database;
    }

    /**
     * Brings one feature's tables up to date with its migrations at {@code location} (by convention
     * {@code classpath:db/<feature>}), recorded in the feature's own history table, so that features
     * number their versions independently. Idempotent: a second call finds nothing to do. A feature
     * whose tables refer to another's (most refer to {@code account}) is migrated after it.
     *
     * @param feature lower case letters, digits, '-' and '_', starting with a letter
     * @throws StoreException if a migration fails or there are no migrations at {@code location}
     */
    public void migrate(String feature, String location) {
        if (!FEATURE_NAME.matcher(feature).matches()) {
            throw new IllegalArgumentException("not a feature name: " + feature);
        }
        try {
            // Baseline 0: the schema already holds other features' tables, which is no reason to stop.
            Flyway.configure().dataSource(pool).locations(location).table(historyTable(feature))
                    .baselineOnMigrate(true).baselineVersion("0").failOnMissingLocations(true).load().migrate();
        } catch (FlywayException e) {
            throw new StoreException("database migration of " + feature + " failed: " + e.getMessage(), e);
        }
    }

    /** The table recording which of a feature's migrations have run. */
    public static String historyTable(String feature) {
        return "flyway_history_" + feature.replace('-', '_');
    }

    /** The JDBC URL of the embedded database kept in {@code dataDir}. */
    public static String embeddedUrl(Path dataDir) {
        // The pool, not the JVM shutdown hook, decides when the database closes.
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("parley") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    public DataSource dataSource() {
        return pool;
    }

    /** JDBC helpers over this database's pool, for repositories. */
    public Jdbc jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        pool.close();
    }

    /**
     * Builds before per-feature migrations kept one history and tables keyed by local part only.
     * Moving that data under a host is not done in place: such a database is refused untouched.
     */
    private void refuseLegacySchema() {
        boolean legacy = jdbc.withMetaData(meta -> {
            try (ResultSet tables = meta.getTables(null, meta.getConnection().getSchema(), LEGACY_HISTORY, null)) {
                return tables.next();
            }
        });
        if (legacy) {
            throw new StoreException("the database was created by an earlier Parley build (it has the table "
                    + LEGACY_HISTORY + "), whose tables are keyed by user name only; this build keys them by"
                    + " host and user name and does not convert them in place. Start on an empty database"
                    + " (move data-dir/parley.mv.db aside, or point store.jdbc-url at a new database) and"
                    + " create the accounts again", null);
        }
    }

    private static HikariConfig poolConfig(StoreConfig config, Path dataDir) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("parley-store");
        hikari.setMaximumPoolSize(config.poolSize());
        if (config.embedded()) {
            createDirectories(dataDir);
            hikari.setJdbcUrl(embeddedUrl(dataDir));
        } else {
            hikari.setJdbcUrl(config.jdbcUrl());
            hikari.setUsername(config.username());
            hikari.setPassword(config.password());
        }
        return hikari;
    }

    private static void createDirectories(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir, e);
        }
    }
}
