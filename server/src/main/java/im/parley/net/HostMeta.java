package im.parley.net;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.regex.Pattern;

/**
 * The HTTP requests that are not the WebSocket upgrade or BOSH: XEP-0156's host-meta documents,
 * which tell a web client where the WebSocket and BOSH endpoints are (RFC 6415 XRD and its JSON
 * form, readable from any origin), and 404 for everything else.
 */
final class HostMeta extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String WEBSOCKET_REL = "urn:xmpp:alt-connections:websocket";
    static final String BOSH_REL = "urn:xmpp:alt-connections:xbosh";
    /** A Host header we may echo in a URL: a name or address and a port, nothing else. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+\\](:\\d{1,5})?");

    private final boolean tls;
    private final String path;
    private final String boshPath;
    private final String publicUrl;

    /** @param publicUrl the WebSocket URL to announce, or null to make it from each request's Host */
    HostMeta(boolean tls, String path, String boshPath, String publicUrl) {
        this.tls = tls;
        this.path = path;
        this.boshPath = boshPath;
        this.publicUrl = publicUrl;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String requested = new QueryStringDecoder(request.uri()).path();
        boolean get = request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD);
        String host = request.headers().get(HttpHeaderNames.HOST);
        String url = webSocketUrl(host);
        // BOSH is announced at the address the client reached (a reverse proxy passes its Host on).
        String bosh = plainHost(host) ? (tls ? "https://" : "http://") + host + boshPath : null;
        FullHttpResponse response;
        if (get && url != null && requested.equals("/.well-known/host-meta")) {
            response = document(request, "application/xrd+xml; charset=utf-8", "<?xml version='1.0' encoding='utf-8'?>\n"
                    + "<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>\n  <Link rel='" + WEBSOCKET_REL
                    + "' href='" + url + "'/>\n"
                    + (bosh == null ? "" : "  <Link rel='" + BOSH_REL + "' href='" + bosh + "'/>\n") + "</XRD>\n");
        } else if (get && url != null && requested.equals("/.well-known/host-meta.json")) {
            response = document(request, "application/json", "{\"links\":[{\"rel\":\"" + WEBSOCKET_REL + "\",\"href\":\""
                    + url + "\"}" + (bosh == null ? "" : ",{\"rel\":\"" + BOSH_REL + "\",\"href\":\"" + bosh + "\"}")
                    + "]}\n");
        } else {
            response = new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.NOT_FOUND);
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** The endpoint's URL as the client reached this server; null for a Host header that is not a plain host. */
    private String webSocketUrl(String host) {
        if (publicUrl != null) {
            return publicUrl;
        }
        if (!plainHost(host)) {
            return null;
        }
        return (tls ? "wss://" : "ws://") + host + path;
    }

    private static boolean plainHost(String host) {
        return host != null && HOST.matcher(host).matches();
    }

    private static FullHttpResponse document(FullHttpRequest request, String type, String body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                ByteBufUtil.writeUtf8(io.netty.buffer.ByteBufAllocator.DEFAULT, body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, type)
                .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                // XEP-0156 §3.2: web clients of other origins read it.
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .set("X-Content-Type-Options", "nosniff");
        if (request.method().equals(HttpMethod.HEAD)) {
            response.content().clear();
        }
        return response;
    }
}
