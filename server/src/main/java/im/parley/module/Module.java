package im.parley.module;

/**
 * A protocol feature (XEP-0199 ping, XEP-0030 disco, ...). A module is built with what it needs
 * (its repository, its config section) and, when started, declares its disco features and
 * registers its handlers; the core only routes. A module that is not started leaves no trace.
 */
public interface Module {
    /** Declares features and registers handlers; called once at start-up, before any connection. */
    void start(ModuleContext context);

    /** Releases what {@link #start} acquired; called at shut-down. */
    default void stop() {
    }
}
