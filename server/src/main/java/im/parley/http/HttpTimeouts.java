package im.parley.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes an HTTP connection whose client is silent for {@code timeout}: before its first request,
 * between requests (keep-alive), and within a request being read (no further byte of it). A request
 * read whole and waiting for its answer has no timer: its handler decides how long that takes (a
 * BOSH request is held up to its {@code wait}), as does a body whose reading is paused because the
 * server is behind (an upload being written). After a WebSocket upgrade the XMPP connection's own
 * timeouts take over, and this handler leaves the pipeline.
 *
 * <p>A read only stamps the time: one scheduled check, when it comes, sleeps again for what is
 * left of the period since the last read (as Netty's {@code IdleStateHandler} does), so the
 * pieces of a large body cost no timer work.
 */
final class HttpTimeouts extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(HttpTimeouts.class);

    private final long timeoutNanos;
    /** Requests begun whose answers are not yet written whole (HTTP/1.1 pipelining allows several). */
    private int unanswered;
    /** Whether a request's head or body is being read. */
    private boolean reading;
    /** When the client last sent something, or the silence began to count (System.nanoTime). */
    private long lastRead;
    /** The check, scheduled while silence counts (none while an answer is awaited). */
    private ScheduledFuture<?> timer;

    HttpTimeouts(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        watch(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            unanswered++;
            reading = true;
        }
        if (msg instanceof LastHttpContent) {
            reading = false;
        }
        if (reading) {
            watch(ctx);
        } else if (msg instanceof LastHttpContent) {
            idleWhenAnswered(ctx);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response
                && response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
            ctx.pipeline().remove(this);
        } else if (msg instanceof LastHttpContent && !informational(msg)) {
            promise = promise.unvoid();
            promise.addListener(written -> {
                unanswered--;
                idleWhenAnswered(ctx);
            });
        }
        ctx.write(msg, promise);
    }

    /** 100 Continue (before the body is read) answers nothing yet. */
    private static boolean informational(Object msg) {
        return msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
    }

    private void idleWhenAnswered(ChannelHandlerContext ctx) {
        if (reading) {
            // Answered before its body was read (a refusal, whose body is read and dropped): still watched.
            return;
        }
        if (unanswered <= 0 && ctx.channel().isActive()) {
            watch(ctx);
        } else {
            cancel();
        }
    }

    /** Silence counts from now: the check is scheduled unless it already is (it will sleep on). */
    private void watch(ChannelHandlerContext ctx) {
        lastRead = System.nanoTime();
        if (timer == null) {
            schedule(ctx, timeoutNanos);
        }
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        timer = ctx.executor().schedule(() -> check(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check(ChannelHandlerContext ctx) {
        timer = null;
        long left = timeoutNanos - (System.nanoTime() - lastRead);
        if (left > 0) {
            schedule(ctx, left);
            return;
        }
        if (reading && !ctx.channel().config().isAutoRead()) {
            // The server paused reading (a body it is behind on): the client is not the silent one.
            watch(ctx);
            return;
        }
        log.debug("HTTP connection {} silent for {} ms {}: closed", ctx.channel().remoteAddress(),
                TimeUnit.NANOSECONDS.toMillis(timeoutNanos), reading ? "within a request" : "between requests");
        ctx.close();
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
