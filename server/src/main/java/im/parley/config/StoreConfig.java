package im.parley.config;

/**
 * The database ({@code store:} section): an external one given by JDBC URL, or, when the URL is
 * empty, the embedded H2 database in the data directory.
 */
public record StoreConfig(String jdbcUrl, String username, String password, int poolSize) {
    /**
     * Connections kept open to the database. Every blocking store call holds one only for its
     * statement, and the batched writers (one thread each) hold one per batch, so ten serve a busy
     * server; a PostgreSQL server's default {@code max_connections} is 100.
     */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** The default: the embedded H2 database in the data directory. */
    public static final StoreConfig EMBEDDED = new StoreConfig("", "", "", DEFAULT_POOL_SIZE);

    public boolean embedded() {
        return jdbcUrl.isEmpty();
    }

    /** Keeps the password out of logs and error messages. */
    @Override
    public String toString() {
        return "StoreConfig[jdbcUrl=" + jdbcUrl + ", username=" + username + ", password=***, poolSize=" + poolSize
                + "]";
    }

    static StoreConfig read(ConfigSection s) {
        return new StoreConfig(
                s.parsed("jdbc-url", "", "a JDBC URL (jdbc:...)", StoreConfig::jdbcUrl),
                s.string("username", ""),
                s.string("password", ""),
                s.integer("pool-size", DEFAULT_POOL_SIZE, 1, 1000));
    }

    private static String jdbcUrl(String value) {
        if (!value.isEmpty() && !value.startsWith("jdbc:")) {
            throw new IllegalArgumentException("does not start with 'jdbc:'");
        }
        return value;
    }
}
