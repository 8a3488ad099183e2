package im.parley.router;

import im.parley.config.ConfigException;
import im.parley.module.ServiceDomain;
import im.parley.xmpp.Stanza;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the stanzas of each domain go: the local users of a hosted domain, or a module's
 * service domain ({@code conference.<host>}), an external component, or, for every other
 * domain when federation is on, the remote servers. Without federation a domain with no route
 * is not served here. One map lookup per stanza.
 */
public final class RouteTable {
    /** A destination for every address at one domain. */
    public sealed interface Route {
    }

    /** A hosted domain (a virtual host): its accounts, and the server itself at the bare domain. */
    public record Hosted(String domain) implements Route {
    }

    /** A domain a module serves: it takes every stanza addressed there. */
    public record Service(ServiceDomain service) implements Route {
    }

    /** Every domain not served here, when federation is on: its server, reached over a server-to-server stream. */
    public record Remote(RemoteServers servers) implements Route {
    }

    /** Sends stanzas to the servers of other domains. */
    public interface RemoteServers {
        /** Sends (or queues, or bounces) a stanza whose 'to' is a domain not served here; never blocks. */
        void send(Stanza stanza);
    }

    /**
     * A domain an external component serves (XEP-0114): it takes every stanza addressed there
     * while it is connected. The route stays while it is away, so that its stanzas bounce with
     * {@code service-unavailable} rather than as if the domain were unknown.
     */
    public record Component(String domain, Link link) implements Route {
    }

    /** The way to a component's stream, whichever connection serves it now. */
    @FunctionalInterface
    public interface Link {
        /** Queues the stanza for the component; false when it is not connected (or its stream takes nothing more). */
        boolean send(Stanza stanza);
    }

    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private volatile Remote remote;

    /** @param hosts the hosted domains (canonical, lower case), the first being the default host */
    public RouteTable(Collection<String> hosts) {
        for (String host : hosts) {
            routes.put(host, new Hosted(host));
        }
    }

    /** Routes a module's service domain; a domain already routed is a configuration clash. */
    public void add(ServiceDomain service) {
        Route previous = routes.putIfAbsent(service.domain(), new Service(service));
        if (previous instanceof Hosted) {
            throw new ConfigException("hosts: " + service.domain() + " is also the domain of the service '"
                    + service.name() + "' of " + service.host() + "; host it, or switch the service off, not both");
        }
        if (previous != null) {
            throw new IllegalStateException("the domain " + service.domain() + " is served twice: " + previous);
        }
    }

    /** Routes a configured component's domain; a domain already routed is a configuration clash. */
    public void add(Component component) {
        Route previous = routes.putIfAbsent(component.domain(), component);
        if (previous != null) {
            throw new ConfigException("components: " + component.domain() + " is already served here (" + previous
                    + "); give the component a domain of its own");
        }
    }

    /** Routes every domain not served here to {@code servers} (federation). */
    public void federate(RemoteServers servers) {
        remote = new Remote(servers);
    }

    /** The route of a domain: its own, or {@link Remote} when federation is on, or null. */
    public Route get(String domain) {
        Route route = routes.get(domain);
        return route == null ? remote : route;
    }

    /** True when the domain is hosted or a service here (not a remote one). */
    public boolean serves(String domain) {
        return routes.containsKey(domain);
    }
}
