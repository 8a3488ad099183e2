package im.parley.store;

/** The databases Parley runs on, and on which every storage contract test runs. */
public enum StoreBackend {
    /** The embedded default: an H2 file in a data directory. */
    H2,
    /** A real PostgreSQL server ({@link TestPostgres}). */
    POSTGRESQL
}
