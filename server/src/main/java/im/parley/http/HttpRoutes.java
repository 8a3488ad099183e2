package im.parley.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * What the HTTP listener serves, path by path: routes are added at start-up (the server's own,
 * then the features'), before any port opens, and looked up by each request. A path is matched
 * exactly, or as a prefix when it ends with '/': an exact route first, then the longest prefix;
 * a path may have several routes for different methods (an upload's PUT is streamed, its GET not).
 */
public final class HttpRoutes {
    /** What answers a route's requests. */
    sealed interface Target {
    }

    /** {@code maxBytes}: the largest body read whole (413 beyond). */
    record Small(HttpHandler handler, int maxBytes) implements Target {
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
    private final int maxRequestBytes;

    /** @param maxRequestBytes the largest body of a small request, unless its route says otherwise */
    HttpRoutes(int maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    /** Serves small requests (read whole, up to the listener's bound) for {@code methods} at {@code path}. */
    public void add(String path, Set<HttpMethod> methods, boolean cors, HttpHandler handler) {
        add(path, methods, cors, maxRequestBytes, handler);
    }

    /** Serves small requests whose bodies may be up to {@code maxBytes}. */
    public void add(String path, Set<HttpMethod> methods, boolean cors, int maxBytes, HttpHandler handler) {
        add(new Route(path, Set.copyOf(methods), cors, new Small(handler, maxBytes)));
    }

    /** Serves requests whose bodies are streamed (uploads) for {@code methods} at {@code path}. */
    public void addStreamed(String path, Set<HttpMethod> methods, boolean cors, BodyHandler handler) {
        add(new Route(path, Set.copyOf(methods), cors, new Streamed(handler)));
    }

    private void add(Route route) {
        if (routes.stream().anyMatch(other -> other.path().equals(route.path())
                && other.methods().stream().anyMatch(route.methods()::contains))) {
            throw new IllegalStateException("two HTTP routes for the same method at " + route.path());
        }
        routes.add(route);
    }

    /** The routes at the path that serves this one (one per method set), or none. */
    List<Route> find(String path) {
        String best = null;
        for (Route route : routes) {
            if (route.path().equals(path)) {
                best = path;
                break;
            }
            if (route.matches(path) && (best == null || route.path().length() > best.length())) {
                best = route.path();
            }
        }
        String found = best;
        return found == null ? List.of() : routes.stream().filter(route -> route.path().equals(found)).toList();
    }
}
