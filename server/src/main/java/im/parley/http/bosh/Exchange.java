package im.parley.http.bosh;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One BOSH request and the HTTP exchange that answers it. The request may be held (XEP-0124 §8)
 * and answered later from the session's event loop; a repeated request (§14.3) takes over the
 * answer of the one it repeats.
 */
final class Exchange {
    /** A recoverable binding condition (§17.3): the client sends again what has no answer yet. */
    static final String RECOVERABLE_ERROR = BoshBody.response(Map.of("type", "error"), "");

    private final BoshBody.Request body;
    private final long rid;
    private final boolean tls;
    private Channel channel;
    private HttpVersion version;
    private boolean keepAlive;
    private ChannelFutureListener watcher;
    /** The end of the wait while it is held. */
    ScheduledFuture<?> expiry;

    Exchange(Channel channel, FullHttpRequest request, boolean tls, BoshBody.Request body) throws BoshException {
        this.body = body;
        this.rid = body.rid();
        this.tls = tls;
        this.channel = channel;
        this.version = request.protocolVersion();
        this.keepAlive = HttpUtil.isKeepAlive(request);
    }

    BoshBody.Request body() {
        return body;
    }

    long rid() {
        return rid;
    }

    /** Whether it came over HTTPS. */
    boolean tls() {
        return tls;
    }

    Channel channel() {
        return channel;
    }

    /** Its HTTP connection closed: no answer can reach the client this way. */
    boolean gone() {
        return !channel.isActive();
    }

    /** Runs {@code onGone} (on the connection's event loop) if the HTTP connection closes before the answer. */
    void watch(Runnable onGone) {
        watcher = f -> onGone.run();
        channel.closeFuture().addListener(watcher);
    }

    /**
     * The client sent this request again before it was answered (§14.3): the earlier HTTP request
     * gets a recoverable error, the repeat the answer when it comes.
     */
    void takeOver(Exchange repeat, String contentType, Consumer<Exchange> watch) {
        write(HttpResponseStatus.OK, contentType, RECOVERABLE_ERROR);
        channel = repeat.channel;
        version = repeat.version;
        keepAlive = repeat.keepAlive;
        watch.accept(this);
    }

    /** The answer: the wait, if it is held, is over. */
    void respond(HttpResponseStatus status, String contentType, String xml) {
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
        }
        write(status, contentType, xml);
    }

    private void write(HttpResponseStatus status, String contentType, String xml) {
        if (watcher != null) {
            channel.closeFuture().removeListener(watcher);
            watcher = null;
        }
        BoshHandler.respond(channel, version, keepAlive, status, contentType, xml);
    }
}
