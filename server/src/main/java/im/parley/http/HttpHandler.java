package im.parley.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * A route whose requests are small: the listener reads each whole (up to its bound) before handing
 * it over. Called on the connection's event loop, so it must not block: work that reads the store
 * goes to a virtual thread, which answers through {@code ctx} when done (writes are thread-safe).
 */
@FunctionalInterface
public interface HttpHandler {
    /** Answers the request, now or later, exactly once; {@code request} is released when this returns. */
    void handle(ChannelHandlerContext ctx, FullHttpRequest request);
}
