package im.parley.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * What the HTTP listener serves, path by path: routes are added at start-up (the server's own,
 * then the features'), before any port opens, and looked up by each request. A path is matched
 * exactly, or as a prefix when it ends with '/': an exact route first, then the longest prefix.
 */
public final class HttpRoutes {
    /** What answers a route's requests. */
    sealed interface Target {
    }

    record Small(HttpHandler handler) implements Target {
    }

    record Streamed(BodyHandler handler) implements Target {
    }

    /** One route: its path, the methods it takes, whether other origins may use it, what answers. */
    record Route(String path, Set<HttpMethod> methods, boolean cors, Target target) {
        boolean takes(HttpMethod method) {
            return methods.contains(method) || method.equals(HttpMethod.HEAD) && methods.contains(HttpMethod.GET);
        }

        boolean matches(String requested) {
            return path.endsWith("/") ? requested.startsWith(path) : requested.equals(path);
        }

        /** The methods for Allow and CORS preflight answers. */
        String allowed() {
            return methods.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
        }
    }

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    /** Serves small requests (read whole, bounded) for {@code methods} at {@code path}. */
    public void add(String path, Set<HttpMethod> methods, boolean cors, HttpHandler handler) {
        add(new Route(path, Set.copyOf(methods), cors, new Small(handler)));
    }

    /** Serves requests whose bodies are streamed (uploads) for {@code methods} at {@code path}. */
    public void addStreamed(String path, Set<HttpMethod> methods, boolean cors, BodyHandler handler) {
        add(new Route(path, Set.copyOf(methods), cors, new Streamed(handler)));
    }

    private void add(Route route) {
        if (routes.stream().anyMatch(other -> other.path().equals(route.path()))) {
            throw new IllegalStateException("two HTTP routes at " + route.path());
        }
        routes.add(route);
    }

    /** The route for a path, or null. */
    Route find(String path) {
        Route found = null;
        for (Route route : routes) {
            if (route.path().equals(path)) {
                return route;
            }
            if (route.matches(path) && (found == null || route.path().length() > found.path().length())) {
                found = route;
            }
        }
        return found;
    }
}
