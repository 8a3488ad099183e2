package im.parley.router;

import im.parley.config.ConfigException;
import im.parley.module.ServiceDomain;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the stanzas of each domain go: the local users of a hosted domain, or a module's
 * service domain ({@code conference.<host>}); components and remote servers join later. A
 * domain with no route is not served here. One map lookup per stanza.
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

    private final Map<String, Route> routes = new ConcurrentHashMap<>();

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

    /** The route of a domain, or null when it is not served here. */
    public Route get(String domain) {
        return routes.get(domain);
    }
}
