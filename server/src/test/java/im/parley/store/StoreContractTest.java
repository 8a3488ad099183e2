package im.parley.store;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The base of the storage contract tests: every test of a subclass runs once on each
 * {@link StoreBackend}, each time on a fresh, migrated database ({@link #database}). A
 * repository's contract is written once, in its feature's package, and holds on every database.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreBackend.class)
@ExtendWith(TestDatabases.class)
public abstract class StoreContractTest {
    @Parameter
    private StoreBackend backend;

    protected Database database;

    @BeforeEach
    void openDatabase(Database fresh) {
        database = fresh;
    }

    protected StoreBackend backend() {
        return backend;
    }
}
