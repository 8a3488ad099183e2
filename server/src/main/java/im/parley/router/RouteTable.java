package im.parley.router;

import im.parley.config.ConfigException;
import im.parley.module.ServiceDomain;
import im.parley.xmpp.Stanza;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the stanzas of each domain go: the local users of a hosted domain, or a module's
 * service domain ({@code conference.<host>}), or, for every other domain when federation is on,
 * the remote servers; components join later. Without federation a domain with no route is not
 * served here. One map lookup per stanza.
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
