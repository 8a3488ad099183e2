package im.parley.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/** Writing answers: keep-alive as the request asked, a body only when the method is not HEAD. */
public final class Responses {
    private Responses() {
    }

    /** A response with a text body of {@code type} (or none for HEAD). */
    public static FullHttpResponse text(HttpRequest request, HttpResponseStatus status, String type, String body) {
        return bytes(request, status, type, ByteBufUtil.writeUtf8(io.netty.buffer.ByteBufAllocator.DEFAULT, body));
    }

    /** A response with {@code body} (released and left out for HEAD), its length and type set. */
    public static FullHttpResponse bytes(HttpRequest request, HttpResponseStatus status, String type, ByteBuf body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, type)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set("X-Content-Type-Options", "nosniff");
        if (request.method().equals(HttpMethod.HEAD)) {
            body.clear();
        }
        return response;
    }

    /** An empty response with a status only (an error, 201 Created). */
    public static FullHttpResponse status(HttpResponseStatus status) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
        return response;
    }

    /** Writes the response, keeping the connection when the request allows it. */
    public static ChannelFuture send(ChannelHandlerContext ctx, HttpRequest request, HttpResponse response) {
        return send(ctx, response, HttpUtil.isKeepAlive(request));
    }

    /** Writes the response and closes the connection after it (an answer before the body was read). */
    public static ChannelFuture sendAndClose(ChannelHandlerContext ctx, HttpResponse response) {
        return send(ctx, response, false);
    }

    /**
     * Writes a streamed route's refusal of a request whose body is still to come, with
     * {@code Connection: close}; the listener closes the connection once it has read the body and
     * dropped it ({@link BodyHandler#open}), so that a client still sending reads the answer.
     */
    public static ChannelFuture refuse(ChannelHandlerContext ctx, HttpResponse response) {
        HttpUtil.setKeepAlive(response, false);
        return ctx.writeAndFlush(response);
    }

    /** Writes the response, keeping the connection if {@code keepAlive} (decided when the request was read). */
    public static ChannelFuture send(ChannelHandlerContext ctx, HttpResponse response, boolean keepAlive) {
        HttpUtil.setKeepAlive(response, keepAlive);
        ChannelFuture written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
        return written;
    }
}
