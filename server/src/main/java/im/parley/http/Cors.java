package im.parley.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;

/**
 * Cross-origin reads (the Fetch standard's CORS) for the routes web pages of other origins use:
 * XEP-0156's discovery documents and XEP-0363's uploads (§ Implementation Notes). The allowed
 * origins are {@code http.cors-origins}; {@code *} allows any, which is safe here because these
 * routes take no cookies or other ambient credentials.
 */
public final class Cors {
    private final List<String> origins;

    public Cors(List<String> origins) {
        this.origins = List.copyOf(origins);
    }

    /** The value of Access-Control-Allow-Origin for this request, or null when its origin is not allowed. */
    String allowedOrigin(HttpRequest request) {
        if (origins.contains("*")) {
            return "*";
        }
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        return origin != null && origins.contains(origin) ? origin : null;
    }

    /** Adds the headers that let the request's origin read the response. */
    void allow(String allowedOrigin, HttpHeaders response) {
        response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, allowedOrigin);
        if (!allowedOrigin.equals("*")) {
            response.add(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
        }
    }

    /** The headers of the answer to a preflight (OPTIONS) request for a route taking {@code methods}. */
    void preflight(String allowedOrigin, String methods, HttpHeaders response) {
        allow(allowedOrigin, response);
        response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, methods)
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type, Authorization")
                .set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, 86_400);
    }
}
