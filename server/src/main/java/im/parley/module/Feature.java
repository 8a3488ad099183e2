package im.parley.module;

import im.parley.config.ConfigSection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A protocol feature as the server finds it: one implementation per feature package, listed in
 * {@code META-INF/services/im.parley.module.Feature} (read with {@link java.util.ServiceLoader};
 * each starts after the features it {@link #requires}, whatever that file's order). The feature owns its configuration section
 * (its {@link #name()}, with an {@code enabled} switch the loader reads), its schema
 * migrations, and builds its {@link Module} from them; a disabled feature is never built, so it
 * leaves no handler, no disco feature and no table.
 *
 * @param <C> the feature's configuration (a record of its section's options; {@code Void} for none)
 */
public interface Feature<C> {
    /** The configuration section's key and the feature's name in logs, e.g. {@code vcard}. */
    String name();

    /**
     * Whether the feature is part of instant messaging itself (RFC 6121: rosters and presence,
     * without which no session is available and no message is delivered), so {@code enabled:
     * false} stops start-up instead of leaving a server that cannot chat.
     */
    default boolean core() {
        return false;
    }

    /**
     * The names of the features this one builds on (whose services it {@link ModuleServices#require}s):
     * they start before it, and switching one off while this one is on stops start-up before any
     * migration runs.
     */
    default List<String> requires() {
        return List.of();
    }

    /** Whether the feature runs when its section does not say {@code enabled}. */
    default boolean enabledByDefault() {
        return true;
    }

    /**
     * Reads the section's options other than {@code enabled}; keys it does not ask for stop
     * start-up as unknown. The section is read even when the feature is disabled, so a typo is
     * reported either way. It is read once for the global section and once per virtual host that
     * has a section of this name of its own, overlaid on the global one.
     */
    default C readConfig(ConfigSection section) {
        return null;
    }

    /**
     * The options that hold for the whole server and that a virtual host's section may not set
     * (a cache shared by every host); the module reads them from {@link HostSettings#server()}.
     */
    default Set<String> serverWideOptions() {
        return Set.of();
    }

    /**
     * The class-path location of this feature's own schema migrations (their own history, so two
     * features never race for a version number), run before {@link #create} when the feature is
     * enabled; empty for a feature without tables of its own.
     */
    default Optional<String> migrations() {
        return Optional.empty();
    }

    /**
     * The name of the history its {@link #migrations} are recorded in: the feature's own, or one
     * shared with the features that use the same tables (PEP and the pubsub service), which then
     * name the same location, and the first of them to start runs it.
     */
    default String migrationHistory() {
        return name();
    }

    /**
     * Builds the module, once, for every host it is switched on for; {@code settings} has each
     * host's options. Other features' services it needs come from {@link ModuleServices#require}.
     */
    Module create(HostSettings<C> settings, ModuleServices services);
}
