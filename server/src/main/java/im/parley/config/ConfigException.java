package im.parley.config;

/** The configuration cannot be used; the message names the offending key so start-up can report it as is. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
