package im.parley.http.bosh;

import im.parley.http.HttpHandler;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;

/**
 * The BOSH endpoint, a route of the HTTP listener (POST on {@code http.bosh-path}): each request
 * goes to {@link BoshSessions}. The listener answers other methods and browsers' CORS preflights
 * (BOSH carries no cookies or HTTP authentication: the session id and SASL are in the bodies, so
 * a web client may be served from any origin {@code http.cors-origins} allows). Nothing here
 * waits: a held request is parked in its session and answered from there.
 */
public final class BoshHandler implements HttpHandler {
    private final BoshSessions sessions;

    public BoshHandler(BoshSessions sessions) {
        this.sessions = sessions;
    }

    /**
     * The largest request body for streams whose stanzas may be up to {@code maxStanzaBytes}: one of
     * the largest stanzas with as much again for others and the wrapper. XEP-0124 sets no bound; the
     * parser still holds each stanza to the limit, and a client that sends more at once gets 413.
     */
    public static int maxBodyBytes(int maxStanzaBytes) {
        return (int) Math.min(Integer.MAX_VALUE, 2L * maxStanzaBytes);
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        sessions.receive(ctx.channel(), request, ctx.pipeline().get(SslHandler.class) != null);
    }

    /** Writes a response that no cache keeps; the listener adds the CORS headers of the request's origin. */
    static void respond(Channel channel, HttpVersion version, boolean keepAlive, HttpResponseStatus status,
            String contentType, String body) {
        FullHttpResponse response = new DefaultFullHttpResponse(version, status,
                ByteBufUtil.writeUtf8(channel.alloc(), body));
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        if (contentType != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = channel.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
