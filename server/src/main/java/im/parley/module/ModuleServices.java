package im.parley.module;

import im.parley.net.EventLoops;
import im.parley.http.HttpService;
import im.parley.store.ArchiveStore;
import im.parley.store.Jdbc;
import im.parley.store.JdbcKeyValueStore;
import im.parley.store.JdbcMapStore;
import im.parley.store.KeyValueStore;
import im.parley.store.MapStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link Feature} builds its module from: the store, the accounts, the clock, and the
 * services of features started before it. Services between features are explicit: a feature
 * {@link #provide}s a type, a later one {@link #require}s it, and start-up stops with a message
 * naming both when it is missing (e.g. presence with the roster switched off).
 */
public interface ModuleServices {
    /** The feature's database access, for its own repository's tables. */
    Jdbc jdbc();

    /** The value-per-user store of this name (usually the feature's name, or it with a suffix). */
    default KeyValueStore keyValueStore(String name) {
        return new JdbcKeyValueStore(jdbc(), name);
    }

    /** The map-per-user store of this name. */
    default MapStore mapStore(String name) {
        return new JdbcMapStore(jdbc(), name);
    }

    /** The archive store of this name (every one of a server shares its positions). */
    ArchiveStore archiveStore(String name);

    Accounts accounts();

    Clock clock();

    /** The server's data directory (files a feature keeps outside the store: uploads). */
    Path dataDir();

    /** The HTTP listener, for a feature that serves HTTP routes. */
    HttpService http();

    /** Bare JIDs of the server's administrators. */
    List<String> admins();

    /** The server software's name and version (XEP-0092, disco identity). */
    String softwareName();

    String softwareVersion();

    /** What the modules started so far declared (disco, caps read it when answering). */
    Declarations declarations();

    /** The server's network threads, for a feature that opens a port of its own. */
    EventLoops eventLoops();

    /** Offers a service to the features started after this one. */
    <T> void provide(Class<T> type, T service);

    /** A service an earlier feature provided, if one did: for a feature that can do without it. */
    <T> Optional<T> find(Class<T> type);

    /** A service an earlier feature provided; throws a configuration error naming the need when none did. */
    <T> T require(Class<T> type);
}
