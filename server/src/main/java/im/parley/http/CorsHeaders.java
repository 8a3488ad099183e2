package im.parley.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Adds the CORS headers to each response of a connection, whichever handler or thread wrote it:
 * the dispatcher files, request by request, the origin the answer may name (HTTP/1.1 answers in
 * request order, so the queue lines up with the responses).
 */
final class CorsHeaders extends ChannelOutboundHandlerAdapter {
    /** Marks a request whose answer gets no CORS headers. */
    private static final String NONE = "";

    private final Cors cors;
    /** Touched on the event loop only (writes from other threads reach {@link #write} on it). */
    private final Queue<String> origins = new ArrayDeque<>();

    CorsHeaders(Cors cors) {
        this.cors = cors;
    }

    /** The next request's allowed origin, or null. */
    void expect(String allowedOrigin) {
        origins.add(allowedOrigin == null ? NONE : allowedOrigin);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        // An interim answer (100 Continue) is not the request's answer.
        if (msg instanceof HttpResponse response && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
            String origin = origins.poll();
            if (origin != null && !origin.equals(NONE)) {
                cors.allow(origin, response.headers());
            }
        }
        super.write(ctx, msg, promise);
    }
}
