package im.parley.config;

/** The root logging threshold; names match SLF4J/Logback levels ({@code Level.toLevel(name())}). */
public enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR, OFF
}
