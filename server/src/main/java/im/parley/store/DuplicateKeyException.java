package im.parley.store;

import java.sql.SQLException;

/**
 * An insert collided with an existing primary or unique key. Repositories turn it into their
 * own answer ("already exists"); relying on the key rather than a prior SELECT is race-free.
 */
public final class DuplicateKeyException extends StoreException {
    DuplicateKeyException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
