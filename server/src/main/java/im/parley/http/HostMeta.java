package im.parley.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ssl.SslHandler;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * XEP-0156's host-meta documents, which tell a web client where the WebSocket endpoint is (RFC
 * 6415 XRD and its JSON form), readable from other origins (XEP-0156 §3.2; {@link Cors}).
 */
public final class HostMeta {
    static final String WEBSOCKET_REL = "urn:xmpp:alt-connections:websocket";
    static final String BOSH_REL = "urn:xmpp:alt-connections:xbosh";
    /** A Host header we may echo in a URL: a name or address and a port, nothing else. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+\\](:\\d{1,5})?");

    private final String path;
    private final String boshPath;
    private final String publicUrl;

    /** @param publicUrl the WebSocket URL to announce, or null to make it from each request's Host */
    private HostMeta(String path, String boshPath, String publicUrl) {
        this.path = path;
        this.boshPath = boshPath;
        this.publicUrl = publicUrl;
    }

    /** Adds the XRD and JSON documents for the WebSocket endpoint at {@code path} and BOSH's at {@code boshPath} to {@code routes}. */
    public static void addTo(HttpRoutes routes, String path, String boshPath, String publicUrl) {
        HostMeta hostMeta = new HostMeta(path, boshPath, publicUrl);
        routes.add("/.well-known/host-meta", Set.of(HttpMethod.GET), true, hostMeta::xrd);
        routes.add("/.well-known/host-meta.json", Set.of(HttpMethod.GET), true, hostMeta::json);
    }

    private void xrd(ChannelHandlerContext ctx, FullHttpRequest request) {
        String url = webSocketUrl(ctx, request);
        String bosh = boshUrl(ctx, request);
        answer(ctx, request, url, "application/xrd+xml; charset=utf-8", "<?xml version='1.0' encoding='utf-8'?>\n"
                + "<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>\n  <Link rel='" + WEBSOCKET_REL
                + "' href='" + url + "'/>\n"
                + (bosh == null ? "" : "  <Link rel='" + BOSH_REL + "' href='" + bosh + "'/>\n") + "</XRD>\n");
    }

    private void json(ChannelHandlerContext ctx, FullHttpRequest request) {
        String url = webSocketUrl(ctx, request);
        String bosh = boshUrl(ctx, request);
        answer(ctx, request, url, "application/json", "{\"links\":[{\"rel\":\"" + WEBSOCKET_REL + "\",\"href\":\""
                + url + "\"}" + (bosh == null ? "" : ",{\"rel\":\"" + BOSH_REL + "\",\"href\":\"" + bosh + "\"}")
                + "]}\n");
    }

    private static void answer(ChannelHandlerContext ctx, FullHttpRequest request, String url, String type, String body) {
        Responses.send(ctx, request, url == null ? Responses.status(HttpResponseStatus.NOT_FOUND)
                : Responses.text(request, HttpResponseStatus.OK, type, body));
    }

    /** The endpoint's URL as the client reached this server; null for a Host header that is not a plain host. */
    private String webSocketUrl(ChannelHandlerContext ctx, FullHttpRequest request) {
        return publicUrl != null ? publicUrl : reached(ctx, request, "wss://", "ws://", path);
    }

    /** BOSH's URL at the address the client reached (a reverse proxy passes its Host on); null as above. */
    private String boshUrl(ChannelHandlerContext ctx, FullHttpRequest request) {
        return reached(ctx, request, "https://", "http://", boshPath);
    }

    private static String reached(ChannelHandlerContext ctx, FullHttpRequest request, String secure, String plain,
            String endpoint) {
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (host == null || !HOST.matcher(host).matches()) {
            return null;
        }
        return (ctx.pipeline().get(SslHandler.class) != null ? secure : plain) + host + endpoint;
    }
}
