package im.parley.http;

/** What features see of the HTTP listener: where to add their routes, and how clients reach it. */
public interface HttpService {
    HttpRoutes routes();

    /**
     * The base URL (scheme, host, port; no path) at which clients of {@code host} reach the
     * listener: {@code http.public-url}, or the host's name with the TLS port (the plain port when
     * TLS is off). Known once the ports are bound; null when no HTTP port is on and none is configured.
     */
    String baseUrl(String host);
}
