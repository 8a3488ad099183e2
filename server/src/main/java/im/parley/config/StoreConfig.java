package im.parley.config;

/**
 * The database ({@code store:} section): an external one given by JDBC URL, or, when the URL is
 * empty, the embedded H2 database in the data directory.
 */
public record StoreConfig(String jdbcUrl, String username, String password) {

    public boolean embedded() {
        return jdbcUrl.isEmpty();
    }

    /** Keeps the password out of logs and error messages. */
    @Override
    public String toString() {
        return "StoreConfig[jdbcUrl=" + jdbcUrl + ", username=" + username + ", password=***]";
    }

    static StoreConfig read(ConfigSection s) {
        return new StoreConfig(
                s.parsed("jdbc-url", "", "a JDBC URL (jdbc:...)", StoreConfig::jdbcUrl),
                s.string("username", ""),
                s.string("password", ""));
    }

    private static String jdbcUrl(String value) {
        if (!value.isEmpty() && !value.startsWith("jdbc:")) {
            throw new IllegalArgumentException("does not start with 'jdbc:'");
        }
        return value;
    }
}
