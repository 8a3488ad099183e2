package im.parley.http;

import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP connection's requests, each to its route: a small request is read whole, up to its
 * route's bound (413 beyond, and the connection closes), then handed to its
 * {@link HttpHandler}; a streamed one goes piece by piece to its {@link BodyHandler}'s sink, so an
 * upload never sits in memory. Unknown paths get 404, other methods 405, and CORS preflights of
 * routes open to other origins are answered here. What is not HTTP (WebSocket frames after an
 * upgrade) passes through.
 */
final class HttpDispatcher extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(HttpDispatcher.class);

    /** The most of a refused body read after the answer before the connection is closed anyway. */
    private static final long DISCARD_BYTES = 4L << 20;

    private final HttpRoutes routes;
    private final Cors cors;
    private final CorsHeaders corsHeaders;
    /** The request being read, and where its body goes: one of the three, or none while discarding. */
    private HttpRequest head;
    private HttpRoutes.Small reading;
    private CompositeByteBuf body;
    private BodyHandler.Sink sink;
    /**
     * After a 413, or a streamed route's refusal, sent while the body was still coming: how much
     * more of it is read and dropped so that the client, still sending, reads the answer (a close
     * with unread input resets the connection); -1 when no answer waits for the body's end.
     */
    private long discarding = -1;

    HttpDispatcher(HttpRoutes routes, Cors cors, CorsHeaders corsHeaders) {
        this.routes = routes;
        this.cors = cors;
        this.corsHeaders = corsHeaders;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpObject)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (msg instanceof HttpRequest request) {
                begin(ctx, request);
            }
            if (msg instanceof HttpContent content) {
                content(ctx, content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void begin(ChannelHandlerContext ctx, HttpRequest request) {
        head = request;
        if (request.decoderResult().isFailure()) {
            log.info("HTTP client {} sent a malformed request: {}", ctx.channel().remoteAddress(),
                    request.decoderResult().cause().getMessage());
            corsHeaders.expect(null);
            Responses.sendAndClose(ctx, Responses.status(HttpResponseStatus.BAD_REQUEST));
            return;
        }
        List<HttpRoutes.Route> candidates = routes.find(new QueryStringDecoder(request.uri()).rawPath());
        HttpRoutes.Route route = candidates.stream().filter(r -> r.takes(request.method())).findFirst()
                .orElse(candidates.isEmpty() ? null : candidates.getFirst());
        String origin = route != null && route.cors() ? cors.allowedOrigin(request) : null;
        if (route != null && route.cors() && request.method().equals(HttpMethod.OPTIONS)) {
            corsHeaders.expect(null);
            FullHttpResponse response = Responses.status(HttpResponseStatus.NO_CONTENT);
            if (origin != null) {
                cors.preflight(origin, allowed(candidates), response.headers());
            }
            Responses.send(ctx, request, response);
            return;
        }
        corsHeaders.expect(origin);
        if (route == null) {
            Responses.send(ctx, request, Responses.status(HttpResponseStatus.NOT_FOUND));
        } else if (!route.takes(request.method())) {
            FullHttpResponse response = Responses.status(HttpResponseStatus.METHOD_NOT_ALLOWED);
            response.headers().set(HttpHeaderNames.ALLOW, allowed(candidates));
            Responses.send(ctx, request, response);
        } else if (route.target() instanceof HttpRoutes.Streamed streamed) {
            sink = streamed.handler().open(ctx, request);
            if (sink == null) {
                // Refused and answered: the body is read and dropped, then the connection closes (BodyHandler.open).
                discarding = DISCARD_BYTES;
            }
        } else if (route.target() instanceof HttpRoutes.Small small
                && HttpUtil.getContentLength(request, 0L) > small.maxBytes()) {
            tooLarge(ctx, small.maxBytes());
        } else {
            reading = (HttpRoutes.Small) route.target();
            body = ctx.alloc().compositeBuffer();
        }
    }

    /** The methods of a path's routes, for Allow and preflight answers only (not built per request). */
    private static String allowed(List<HttpRoutes.Route> candidates) {
        return candidates.stream().map(HttpRoutes.Route::allowed).collect(Collectors.joining(", "));
    }

    private void content(ChannelHandlerContext ctx, HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (discarding >= 0) {
            discarding -= content.content().readableBytes();
            if (last || discarding < 0) {
                ctx.close();
            }
        } else if (sink != null) {
            BodyHandler.Sink to = sink;
            if (last) {
                sink = null;
            }
            to.content(content.content().retain());
            if (last) {
                to.end();
            }
        } else if (body != null) {
            if (body.readableBytes() + content.content().readableBytes() > reading.maxBytes()) {
                int bound = reading.maxBytes();
                discardBody();
                tooLarge(ctx, bound);
                if (last) {
                    ctx.close();
                }
                return;
            }
            body.addComponent(true, content.content().retain());
            if (last) {
                dispatch(ctx, (LastHttpContent) content);
            }
        }
    }

    private void dispatch(ChannelHandlerContext ctx, LastHttpContent last) {
        FullHttpRequest request = new DefaultFullHttpRequest(head.protocolVersion(), head.method(), head.uri(), body,
                head.headers(), last.trailingHeaders());
        HttpHandler to = reading.handler();
        body = null;
        reading = null;
        try {
            to.handle(ctx, request);
        } finally {
            request.release();
        }
    }

    /** 413, and the connection closes once the rest of the body (up to {@link #DISCARD_BYTES}) has been read. */
    private void tooLarge(ChannelHandlerContext ctx, int bound) {
        log.info("HTTP client {} sent a request over {} bytes to {}: refused", ctx.channel().remoteAddress(),
                bound, head.uri());
        FullHttpResponse response = Responses.status(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
        HttpUtil.setKeepAlive(response, false);
        ctx.writeAndFlush(response);
        discarding = DISCARD_BYTES;
    }

    private void discardBody() {
        if (body != null) {
            body.release();
            body = null;
        }
        reading = null;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        discardBody();
        if (sink != null) {
            sink.abort();
            sink = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ctx.pipeline().last() != this) {
            // An upgraded connection's own handler (the XMPP connection after a WebSocket upgrade) decides.
            ctx.fireExceptionCaught(cause);
            return;
        }
        log.info("HTTP connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
