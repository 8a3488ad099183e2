package im.parley.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The few JDBC operations repositories need, without the try/catch/close boilerplate of raw
 * JDBC. Parameters are bound in order with {@link PreparedStatement#setObject} ({@link Instant}s
 * as UTC date-times with offset); failures are
 * thrown as {@link StoreException}. Outside {@link #inTransaction} each call borrows its own
 * pooled connection in auto-commit mode.
 */
public final class Jdbc {
    private static final char ESCAPE = '!';
    /** What follows a LIKE whose pattern {@link #containsPattern} made. */
    public static final String LIKE_ESCAPE = " ESCAPE '" + ESCAPE + "'";

    private final DataSource dataSource;
    /** The connection of the enclosing transaction, or null when each call borrows its own. */
    private final Connection transaction;
    /** Whether the database is H2 (see {@link #inDurableTransaction}); null until first asked. */
    private volatile Boolean isH2;

    public Jdbc(DataSource dataSource) {
        this(dataSource, null);
    }

    private Jdbc(DataSource dataSource, Connection transaction) {
        this.dataSource = dataSource;
        this.transaction = transaction;
    }

    /** Maps the current row of a result set to a value. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    @FunctionalInterface
    private interface ConnectionWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Runs an INSERT, UPDATE or DELETE and returns the number of rows it changed. */
    public int update(String sql, Object... parameters) {
        return withConnection(c -> {
            try (PreparedStatement statement = prepare(c, sql, parameters)) {
                return statement.executeUpdate();
            }
        });
    }

    /** Runs an INSERT of one row and returns the value the database generated for its column {@code key}. */
    public long insertReturning(String key, String sql, Object... parameters) {
        return withConnection(c -> {
            try (PreparedStatement statement = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                bind(statement, parameters);
                statement.executeUpdate();
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new SQLException("no generated " + key + " returned");
                    }
                    return keys.getLong(key);
                }
            }
        });
    }

    /**
     * Runs one INSERT, UPDATE or DELETE once per parameter row, sent to the database as one batch
     * (one round trip to a server database instead of one per row), and returns the number of
     * rows each one changed.
     */
    public int[] batch(String sql, List<Object[]> parameterRows) {
        if (parameterRows.isEmpty()) {
            return new int[0];
        }
        return withConnection(c -> {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                for (Object[] parameters : parameterRows) {
                    bind(statement, parameters);
                    statement.addBatch();
                }
                return statement.executeBatch();
            }
        });
    }

    /**
     * Updates the row of each key and inserts the keys that had none, in batches: an upsert in
     * portable SQL (MERGE and ON CONFLICT differ between databases). Updating in place rather than
     * deleting and inserting also keeps each row where it is, which H2's indexes prefer under load.
     *
     * @param update an UPDATE whose parameters are {@code updateRows}' and which changes 0 or 1 row each
     * @param insert an INSERT run with {@code insertRows.get(i)} for each row i that the update missed
     */
    public void upsert(String update, List<Object[]> updateRows, String insert, List<Object[]> insertRows) {
        int[] updated = batch(update, updateRows);
        List<Object[]> missing = new ArrayList<>();
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                missing.add(insertRows.get(i));
            }
        }
        batch(insert, missing);
    }

    /** Runs a SELECT and maps every row. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
        return withConnection(c -> {
            try (PreparedStatement statement = prepare(c, sql, parameters);
                    ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        });
    }

    /** Runs a SELECT and tells whether it returned at least one row. */
    public boolean exists(String sql, Object... parameters) {
        return withConnection(c -> {
            try (PreparedStatement statement = prepare(c, sql, parameters);
                    ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        });
    }

    /**
     * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws.
     * The {@link Jdbc} handed to {@code work} uses the transaction's connection; nested calls
     * join the enclosing transaction.
     */
    public <T> T inTransaction(Function<Jdbc, T> work) {
        if (transaction != null) {
            return work.apply(this);
        }
        return withConnection(c -> {
            c.setAutoCommit(false);
            try {
                T result = work.apply(new Jdbc(dataSource, c));
                c.commit();
                return result;
            } catch (RuntimeException | Error e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    /**
     * As {@link #inTransaction}, and what it committed survives a crash of this process (a
     * {@code kill -9}) once it returns. A server database (PostgreSQL) makes a commit durable by
     * itself; H2 writes commits to its file in the background, up to half a second later (its
     * WRITE_DELAY), and a process killed meanwhile loses them: here its CHECKPOINT writes them at
     * once. For what a client was told is safe (offline messages, the delivery journal), in
     * batches, so that one flush covers many writes.
     */
    public <T> T inDurableTransaction(Function<Jdbc, T> work) {
        T result = inTransaction(work);
        if (transaction == null && isH2()) {
            update("CHECKPOINT");
        }
        return result;
    }

    private boolean isH2() {
        Boolean h2 = isH2;
        if (h2 == null) {
            h2 = withMetaData(metaData -> "H2".equals(metaData.getDatabaseProductName()));
            isH2 = h2;
        }
        return h2;
    }

    private <T> T withConnection(ConnectionWork<T> work) {
        try {
            if (transaction != null) {
                return work.apply(transaction);
            }
            try (Connection c = dataSource.getConnection()) {
                return work.apply(c);
            }
        } catch (SQLException e) {
            throw StoreException.of(e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object[] parameters) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        try {
            bind(statement, parameters);
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    /** Reads the database's metadata (which tables exist, say) on a pooled connection. */
    public <T> T withMetaData(MetaDataWork<T> work) {
        return withConnection(c -> work.apply(c.getMetaData()));
    }

    /** Works on a database's metadata. */
    @FunctionalInterface
    public interface MetaDataWork<T> {
        T apply(DatabaseMetaData metaData) throws SQLException;
    }

    /**
     * A {@code TIMESTAMP WITH TIME ZONE} column as the instant it holds, or null. Instants are
     * the one encoding of time in the store: bound as UTC offset date-times (JDBC 4.2, the same on
     * H2 and PostgreSQL), never through the JVM's time zone.
     */
    public static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * A LIKE pattern matching any text that contains {@code text}, in lower case, its wildcards
     * ({@code %}, {@code _}) taken literally: the LIKE says {@link #LIKE_ESCAPE}.
     */
    public static String containsPattern(String text) {
        StringBuilder pattern = new StringBuilder("%");
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '%' || c == '_' || c == ESCAPE) {
                pattern.append(ESCAPE);
            }
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }

    private static void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i] instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : parameters[i];
            statement.setObject(i + 1, value);
        }
    }
}
