package im.parley.http;

/** What features see of the HTTP listener: where to add their routes, and how clients reach it. */
public interface HttpService {
    HttpRoutes routes();

    /** Whether clients can reach the listener: a port is on, or {@code http.public-url} says where it is. */
    boolean reachable();

    /**
     * The base URL (scheme, host, port; no path) at which clients of {@code host} reach the
     * listener: {@code http.public-url}, or the host's name with the TLS port (the plain port when
     * TLS is off), the bound port once it is bound.
     */
    String baseUrl(String host);
}
