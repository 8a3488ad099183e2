package im.parley.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import im.parley.config.StoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The server's database: a connection pool whose schema has been brought up to date by the
 * versioned migrations in {@code classpath:db/migration}. Without a configured JDBC URL it is
 * an embedded H2 database in the data directory, so a first start needs no set-up.
 */
public final class Database implements AutoCloseable {
    private static final String MIGRATIONS = "classpath:db/migration";

    private final HikariDataSource pool;
    private final Jdbc jdbc;

    private Database(HikariDataSource pool) {
        this.pool = pool;
        this.jdbc = new Jdbc(pool);
    }

    /** Opens the pool and runs pending migrations; on failure nothing is left open. */
    public static Database open(StoreConfig config, Path dataDir) {
        HikariDataSource pool = new HikariDataSource(poolConfig(config, dataDir));
        try {
            Flyway.configure().dataSource(pool).locations(MIGRATIONS).load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e instanceof FlywayException ? new StoreException("database migration failed: " + e.getMessage(), e) : e;
        }
        return new Database(pool);
    }

    /**
     * Runs one feature's own migrations from {@code location}, under a history table of its own,
     * so that features number their versions independently.
     */
    public void migrate(String feature, String location) {
        try {
            Flyway.configure().dataSource(pool).locations(location)
                    .table("flyway_history_" + feature.replace('-', '_')).baselineOnMigrate(true).load().migrate();
        } catch (FlywayException e) {
            throw new StoreException("database migration of " + feature + " failed: " + e.getMessage(), e);
        }
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
