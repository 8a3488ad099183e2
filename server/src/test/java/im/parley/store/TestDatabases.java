package im.parley.store;

import im.parley.config.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands a test a fresh, migrated {@link Database} on the backend of its {@link StoreContractTest}
 * instance, closed after the test. The PostgreSQL server is started once per test run (kept in
 * JUnit's root store, which stops it when the run ends); every test gets a database of its own.
 */
final class TestDatabases implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestDatabases.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Database.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        StoreBackend backend = ((StoreContractTest) context.getRequiredTestInstance()).backend();
        Path dataDir = temporaryDirectory();
        Database database = switch (backend) {
            case H2 -> Database.open(StoreConfig.EMBEDDED, dataDir);
            case POSTGRESQL -> {
                TestPostgres postgres = postgres(context);
                yield Database.open(new StoreConfig(postgres.createDatabase(), postgres.user(), "", 2), dataDir);
            }
        };
        context.getStore(NAMESPACE).put(Database.class, (AutoCloseable) () -> {
            database.close();
            deleteTree(dataDir);
        });
        return database;
    }

    private static TestPostgres postgres(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(TestPostgres.class, type -> {
            try {
                return TestPostgres.start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start PostgreSQL for the tests", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting PostgreSQL", e);
            }
        }, TestPostgres.class);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("parley-store-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
