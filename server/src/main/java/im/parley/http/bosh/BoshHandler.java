package im.parley.http.bosh;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * The BOSH endpoint of an HTTP listener, behind Netty's HTTP codec and aggregator: a POST to the
 * path is a BOSH request for {@link BoshSessions}, an OPTIONS a browser's CORS preflight; any
 * other request (another path, a WebSocket frame after an upgrade) goes on down the pipeline.
 * Nothing here waits: a held request is parked in its session and answered from there.
 */
@ChannelHandler.Sharable
public final class BoshHandler extends ChannelInboundHandlerAdapter {
    private final BoshSessions sessions;
    private final boolean tls;

    /** @param tls whether this is the HTTPS listener */
    public BoshHandler(BoshSessions sessions, boolean tls) {
        this.sessions = sessions;
        this.tls = tls;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)
                || !new QueryStringDecoder(request.uri()).path().equals(sessions.path())) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (request.method().equals(HttpMethod.POST)) {
                sessions.receive(ctx.channel(), request, tls);
            } else if (request.method().equals(HttpMethod.OPTIONS)) {
                respond(ctx.channel(), request.protocolVersion(), HttpUtil.isKeepAlive(request), HttpResponseStatus.OK,
                        null, "");
            } else {
                respond(ctx.channel(), request.protocolVersion(), HttpUtil.isKeepAlive(request),
                        HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", "BOSH takes POST requests\n");
            }
        } finally {
            request.release();
        }
    }

    /**
     * Writes a response readable from any origin: BOSH carries no cookies or HTTP authentication
     * (the session id and SASL are in the bodies), so a web client may be served from anywhere.
     */
    static void respond(Channel channel, HttpVersion version, boolean keepAlive, HttpResponseStatus status,
            String contentType, String body) {
        FullHttpResponse response = new DefaultFullHttpResponse(version, status,
                ByteBufUtil.writeUtf8(channel.alloc(), body));
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "POST, OPTIONS")
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type")
                .set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, 86_400)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        if (contentType != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        if (status == HttpResponseStatus.METHOD_NOT_ALLOWED) {
            response.headers().set(HttpHeaderNames.ALLOW, "POST, OPTIONS");
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = channel.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
