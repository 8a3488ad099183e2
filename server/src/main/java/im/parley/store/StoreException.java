package im.parley.store;

import java.sql.SQLException;

/** A storage operation failed; unchecked so that repository interfaces stay free of JDBC types. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Wraps an {@link SQLException}, choosing the subclass callers may want to react to. */
    static StoreException of(SQLException e) {
        // SQLSTATE 23505 (unique_violation) is the standard code; H2 and PostgreSQL both use it.
        if ("23505".equals(e.getSQLState())) {
            return new DuplicateKeyException(e);
        }
        return new StoreException(e.getMessage(), e);
    }
}
