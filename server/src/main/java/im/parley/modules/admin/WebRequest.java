package im.parley.modules.admin;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the web admin page reads of a request, copied off the event loop's buffers so that a virtual
 * thread can answer it: the path, the query's and the form's parameters (a form body is
 * {@code application/x-www-form-urlencoded}), the cookies, whether the connection is TLS, and the
 * client's address.
 */
record WebRequest(HttpRequest head, String path, Map<String, List<String>> query, Map<String, List<String>> form,
        Map<String, String> cookies, boolean secure, String address) {

    static WebRequest of(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        Map<String, List<String>> form = request.method().equals(HttpMethod.POST)
                && type.startsWith("application/x-www-form-urlencoded")
                ? new QueryStringDecoder(request.content().toString(StandardCharsets.UTF_8), StandardCharsets.UTF_8,
                        false).parameters()
                : Map.of();
        Map<String, String> cookies = new HashMap<>();
        for (String header : request.headers().getAll(HttpHeaderNames.COOKIE)) {
            for (Cookie cookie : ServerCookieDecoder.STRICT.decode(header)) {
                cookies.putIfAbsent(cookie.name(), cookie.value());
            }
        }
        HttpRequest head = new DefaultHttpRequest(request.protocolVersion(), request.method(), request.uri(),
                request.headers().copy());
        return new WebRequest(head, uri.path(), uri.parameters(), form, Map.copyOf(cookies),
                ctx.pipeline().get(SslHandler.class) != null, address(ctx.channel().remoteAddress()));
    }

    private static String address(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(remote);
    }

    boolean post() {
        return head.method().equals(HttpMethod.POST);
    }

    /** A query parameter's first value, or "" when absent. */
    String query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? "" : values.getFirst();
    }

    /** A form field's first value, or "" when absent. */
    String field(String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? "" : values.getFirst();
    }

    /** A cookie's value, or null. */
    String cookie(String name) {
        return cookies.get(name);
    }
}
