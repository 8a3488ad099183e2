package im.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code http.cors-origins}: any origin, or only those listed, each named back with Vary: Origin. */
class CorsTest {
    @Test
    void anyOriginIsAllowedWithTheWildcard() {
        assertThat(new Cors(List.of("*")).allowedOrigin(request("https://elsewhere.example"))).isEqualTo("*");
    }

    @Test
    void onlyTheListedOriginsAreNamedBack() {
        Cors cors = new Cors(List.of("https://chat.example.org"));
        assertThat(cors.allowedOrigin(request("https://chat.example.org"))).isEqualTo("https://chat.example.org");
        assertThat(cors.allowedOrigin(request("https://evil.example"))).isNull();
        assertThat(cors.allowedOrigin(request(null))).isNull();

        HttpHeaders headers = new DefaultHttpHeaders();
        cors.preflight("https://chat.example.org", "GET, PUT", headers);
        assertThat(headers.get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo("https://chat.example.org");
        assertThat(headers.get(HttpHeaderNames.VARY)).isEqualTo("origin");
        assertThat(headers.get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS)).isEqualTo("GET, PUT");
    }

    private static HttpRequest request(String origin) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.OPTIONS, "/upload/x");
        if (origin != null) {
            request.headers().set(HttpHeaderNames.ORIGIN, origin);
        }
        return request;
    }
}
