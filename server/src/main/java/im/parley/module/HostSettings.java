package im.parley.module;

import java.util.HashMap;
import java.util.Map;

/**
 * A feature's configuration per virtual host, read once at start-up: for each host, the feature's
 * global section overlaid with that host's own (the keys the host gives win), and the hosts the
 * feature is switched on for. A module looks its host's options up per stanza ({@link #of}), a
 * map lookup with nothing read or made.
 *
 * @param <C> the feature's configuration record ({@code Void} for a feature without options)
 */
public final class HostSettings<C> {
    private final Map<String, C> byHost;
    private final C server;
    private final Hosts enabled;

    /**
     * @param server the global section's configuration (for options that are server-wide)
     * @param byHost every hosted domain's configuration
     * @param enabled the hosts the feature is switched on for
     */
    public HostSettings(C server, Map<String, C> byHost, Hosts enabled) {
        this.server = server;
        this.byHost = new HashMap<>(byHost);
        this.enabled = enabled;
    }

    /** The configuration on {@code host}; the global one for a domain that is not hosted. */
    public C of(String host) {
        C config = byHost.get(host);
        return config == null ? server : config;
    }

    /** The global section's configuration, for options a host cannot override ({@link Feature#serverWideOptions}). */
    public C server() {
        return server;
    }

    /** The hosts the feature is switched on for. */
    public Hosts enabledHosts() {
        return enabled;
    }
}
