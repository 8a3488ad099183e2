package im.parley.net;

import im.parley.auth.TlsInfo;
import im.parley.stream.Connection;
import im.parley.stream.StreamEvents;
import im.parley.tls.SslHandlerTlsInfo;
import im.parley.tls.TlsContexts;
import im.parley.xml.Element;
import im.parley.xml.XmlLimits;
import im.parley.xml.XmlStreamException;
import im.parley.xml.XmlStreamParser;
import im.parley.xmpp.StreamError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.IntSupplier;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty end of one XML stream, whoever the peer is (a client, a component, a server; see
 * {@link StreamKind}): parses the bytes on the event loop into the header, elements and close for
 * its stream ({@link StreamEvents}), and writes what the stream sends, coalescing the writes queued
 * from other threads into one flush per event-loop pass. It owns what every stream needs of its
 * connection: the parser with the configured limits and read pacing, the outbound queue and its
 * cap, TLS (STARTTLS and the restart of the stream after it and after SASL), the timer
 * (unauthenticated, idle, keepalive, parser rest) and the close. The framing (TCP, or RFC 7395
 * WebSocket frames) is its other part.
 *
 * <p>Backpressure: what is sent is serialized on the sender's thread and queued here; the event
 * loop moves it into the channel only while the channel is below its high water mark. A peer
 * that stops reading therefore fills its socket, then the channel up to the mark, then this
 * queue up to {@code maxQueuedBytes}, at which point its stream is told ({@link StreamEvents#outboundFull})
 * and what follows is refused. A sender that may wait (a session's own thread) waits for room
 * instead ({@link #awaitRoom}).
 */
public final class XmlStreamChannel extends ChannelInboundHandlerAdapter implements Connection, ConnectionTimer.Duties {
    private static final Logger log = LoggerFactory.getLogger(XmlStreamChannel.class);
    /** How long a closed stream waits for the peer to read it and close its own before the connection is dropped. */
    private static final long CLOSE_GRACE_SECONDS = 5;
    /**
     * Netty's default marks, made explicit because the outbound queue relies on them: above the
     * high mark a connection keeps what it is sent in its own queue (counted against the cap)
     * instead of the channel's buffer, until the peer has read the channel down to the low mark.
     */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 64 * 1024);

    /**
     * How the stream is framed. TCP: one XML document ({@code <stream:stream>} ... its closing tag).
     * WebSocket (RFC 7395): {@code <open/>} and {@code <close/>} elements, each element a document
     * of its own in a frame ({@link WebSocketFraming} turns frames into text for the same parser and
     * back); there is no STARTTLS (TLS is the HTTP connection's), and a plain connection from a
     * loopback address may count as secure ({@code trustLoopback}).
     */
    public enum Framing {
        TCP, WEBSOCKET, WEBSOCKET_TRUSTING_LOOPBACK;

        boolean webSocket() {
            return this != TCP;
        }
    }

    /**
     * What every connection of a listener shares.
     *
     * @param tls the server's TLS contexts, for STARTTLS; null where there is none (components)
     * @param maxQueuedBytes the cap on bytes waiting for a peer that reads slower than it is sent to
     * @param queuedTotal the bytes waiting in every such connection (each adds and removes its own)
     */
    public record Settings(TlsContexts tls, XmlLimits limits, StreamTimeouts timeouts, int maxQueuedBytes,
            LongAdder queuedTotal) {
    }

    private final Framing framing;
    private final StreamKind kind;
    private final Settings settings;
    private final Function<? super XmlStreamChannel, ? extends StreamEvents> streams;
    /**
     * What waits to be written, in the order it was sent: serialized elements ({@link ByteBuf},
     * counted: what the peer has not yet taken beyond the channel's own buffer), and the switches
     * of the stream (STARTTLS, a restart: {@link Runnable}s run on the event loop when their turn
     * comes, no bytes), so that no write queued before or after a switch can cross it.
     */
    private final OutboundQueue<Object> outbound;
    private final AtomicBoolean flushScheduled = new AtomicBoolean();

    private Channel channel;
    private StreamEvents stream;
    private IntSupplier backlog;
    private XmlStreamParser parser;
    private boolean inputFailed;
    private ConnectionTimer timer;
    /** The stream's closing tag is written (event loop only): nothing may follow it. */
    private boolean closedOnWire;
    /** The peer's closing tag has been read (event loop only). */
    private boolean peerClosedStream;

    /** @param streams makes the stream this connection carries, when the connection starts */
    public XmlStreamChannel(Framing framing, StreamKind kind, Settings settings,
            Function<? super XmlStreamChannel, ? extends StreamEvents> streams) {
        this.framing = framing;
        this.kind = kind;
        this.settings = settings;
        this.streams = streams;
        this.outbound = new OutboundQueue<>(settings.maxQueuedBytes(), settings.queuedTotal(),
                entry -> entry instanceof ByteBuf buf ? buf.readableBytes() : 0, max -> stream.outboundFull(max));
    }

    // ---- inbound, on the event loop ----

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // Set here rather than as a child option of a bootstrap, so that a test's in-memory channel has it too.
        ctx.channel().config().setWriteBufferWaterMark(WATER_MARK);
        // A WebSocket connection gets its stream once the HTTP upgrade is done, when the channel is
        // active already and channelActive will not come. (An accepted TCP channel is active when
        // its pipeline is built too, and channelActive follows: start runs once.)
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    private void start(ChannelHandlerContext ctx) {
        if (stream != null) {
            return;
        }
        channel = ctx.channel();
        parser = newParser();
        timer = new ConnectionTimer(ctx.executor(), settings.timeouts(), this);
        StreamEvents started = streams.apply(this);
        backlog = started::backlog;
        stream = started;
        timer.start();
    }

    private XmlStreamParser newParser() {
        return new XmlStreamParser(settings.limits(), new XmlStreamParser.Listener() {
            @Override
            public void streamOpened(Element header, String contentNamespace) {
                // RFC 6120 §4.8: <stream:stream/>, with the content namespace of this kind of stream (the
                // parser gives stanzas in it Namespaces.STANZA, the writer writes them back in it).
                String invalid = StreamHeaders.invalidNamespace(header, contentNamespace, kind.contentNamespace());
                if (invalid != null) {
                    stream.xmlError(StreamError.INVALID_NAMESPACE, invalid);
                } else {
                    stream.streamOpened(header);
                }
            }

            @Override
            public void element(Element element) {
                stream.element(element);
            }

            @Override
            public void streamClosed() {
                peerClosedStream = true;
                if (closedOnWire) {
                    // Both closing tags are out (RFC 6120 §4.4): the TCP connection can go.
                    closeWhenWritten();
                }
                stream.streamClosed();
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        timer.read();
        try {
            if (!inputFailed) {
                parser.feed(buf.nioBuffer());
            }
        } catch (XmlStreamException e) {
            inputFailed = true;
            stream.xmlError(StreamError.fromElementName(e.condition()), e.getMessage());
        } finally {
            buf.release();
        }
        ReadPacing.afterRead(channel, backlog);
    }

    // ---- ConnectionTimer.Duties, on the event loop ----

    @Override
    public boolean isAuthenticated() {
        return stream.isAuthenticated();
    }

    @Override
    public void authenticationTimedOut() {
        stream.timedOut("Not authenticated in time");
    }

    @Override
    public void idleTimedOut() {
        stream.timedOut("Idle for too long");
    }

    @Override
    public void sendKeepalive() {
        // RFC 6120 §4.6.1: a whitespace keepalive keeps NATs and the peer's own timers happy.
        sendRaw(" ");
    }

    @Override
    public boolean rest() {
        return parser.rest();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        timer.stop();
        outbound.close();
        stream.disconnected();
        outbound.discard();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Connection with {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            flushScheduled.set(false);
            writeQueued(false);
        }
        ctx.fireChannelWritabilityChanged();
    }

    // ---- outbound: from any thread ----

    @Override
    public void openStream(String from, String id) {
        openStream(from, null, id);
    }

    /** Opens our side of the stream (RFC 6120 §4.7); null attributes are left out. */
    public void openStream(String from, String to, String id) {
        sendRaw(StreamHeaders.open(kind, framing.webSocket(), from, to, id));
    }

    @Override
    public boolean send(Element element) {
        return sendRaw(StreamWriter.toXml(element, kind, framing.webSocket()));
    }

    /** Queues {@code xml} unless the stream is closing or the queue's bound would be passed ({@link OutboundQueue}). */
    private boolean sendRaw(String xml) {
        if (!outbound.isOpen()) {
            return false;
        }
        ByteBuf buf = ByteBufUtil.writeUtf8(channel.alloc(), xml);
        if (!outbound.offer(buf)) {
            buf.release();
            return false;
        }
        scheduleWrite();
        return true;
    }

    private void scheduleWrite() {
        if (flushScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(() -> writeQueued(false));
        }
    }

    @Override
    public boolean awaitRoom() {
        return outbound.awaitRoom();
    }

    /**
     * Moves what is queued into the channel and flushes once: one syscall for a burst of stanzas.
     * Stops while the channel is above its high water mark (the peer reads slower than it is
     * sent to), so that what waits stays here, counted against the cap, unless {@code all}.
     */
    private void writeQueued(boolean all) {
        if (!channel.isActive() || closedOnWire) {
            flushScheduled.set(false);
            outbound.discard();
            return;
        }
        boolean wrote = false;
        Object next;
        while ((all || channel.isWritable()) && (next = outbound.poll()) != null) {
            if (next instanceof ByteBuf buf) {
                channel.write(buf, channel.voidPromise());
            } else {
                ((Runnable) next).run();
            }
            wrote = true;
        }
        if (wrote) {
            channel.flush();
            timer.wrote();
        }
        // While the channel is unwritable the flag stays set: senders need not schedule this pass
        // again, channelWritabilityChanged runs it when the peer has read.
        if (all || channel.isWritable()) {
            flushScheduled.set(false);
            if (!outbound.isEmpty() && flushScheduled.compareAndSet(false, true)) {
                // Queued between the last poll and the clear: its sender saw the flag still set.
                channel.eventLoop().execute(() -> writeQueued(false));
            }
        }
    }

    // ---- TLS and restarts: queued like writes, so nothing crosses them ----

    @Override
    public boolean canStartTls() {
        return settings.tls() != null && !framing.webSocket() && !isTls();
    }

    @Override
    public void startTls(Element proceed) {
        startTls(proceed, settings.tls()::newStartTlsHandler);
    }

    /**
     * Writes {@code proceed} in the clear (the receiving side; null on the initiating side, which
     * read the peer's), then switches to TLS with the handler {@code tls} makes, put first in the
     * pipeline, and a new parser for the stream that follows (RFC 6120 §5.4.3.3). A receiving
     * side's handler lets its first write (the proceed) pass in the clear.
     */
    public void startTls(Element proceed, Function<ByteBufAllocator, SslHandler> tls) {
        String xml = proceed == null ? null : StreamWriter.toXml(proceed, kind, false);
        enqueueSwitch(() -> {
            // What was written before goes out in the clear ahead of the handler.
            channel.flush();
            channel.pipeline().addFirst("tls", tls.apply(channel.alloc()));
            parser = newParser();
            if (xml != null) {
                channel.writeAndFlush(ByteBufUtil.writeUtf8(channel.alloc(), xml));
            }
        });
    }

    /**
     * Writes {@code element} (SASL success; or null on the initiating side) and makes the next bytes
     * from the peer start a new stream (RFC 6120 §6.4.6).
     */
    @Override
    public void restartStream(Element element) {
        String xml = element == null ? null : StreamWriter.toXml(element, kind, framing.webSocket());
        enqueueSwitch(() -> {
            parser = newParser();
            if (xml != null) {
                channel.write(ByteBufUtil.writeUtf8(channel.alloc(), xml), channel.voidPromise());
            }
        });
    }

    private void enqueueSwitch(Runnable change) {
        if (outbound.offer(change)) {
            scheduleWrite();
        }
    }

    @Override
    public TlsInfo tls() {
        SslHandler handler = channel.pipeline().get(SslHandler.class);
        if (handler != null) {
            return new SslHandlerTlsInfo(handler);
        }
        return framing == Framing.WEBSOCKET_TRUSTING_LOOPBACK && remoteAddress().getAddress().isLoopbackAddress()
                ? TlsInfo.TRUSTED_PLAINTEXT : TlsInfo.PLAINTEXT;
    }

    public boolean isTls() {
        return channel.pipeline().get(SslHandler.class) != null;
    }

    /** The certificate chain the peer presented in the TLS handshake (leaf first); empty without one. */
    public List<X509Certificate> peerCertificates() {
        SslHandler handler = channel.pipeline().get(SslHandler.class);
        if (handler == null) {
            return List.of();
        }
        try {
            return Arrays.stream(handler.engine().getSession().getPeerCertificates())
                    .map(X509Certificate.class::cast).toList();
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    // ---- the close ----

    @Override
    public void closeStream(Element error) {
        // Two writes on WebSocket, where the error and <close/> are frames of their own.
        String errorXml = error == null ? null : StreamWriter.toXml(error, kind, framing.webSocket());
        outbound.close();
        if (!channel.isOpen()) {
            // Closed by the peer, or by the server's shutdown, whose event loop takes no more tasks.
            return;
        }
        channel.eventLoop().execute(() -> {
            if (closedOnWire) {
                // Closed before: only the peer's close may have come since.
                if (peerClosedStream) {
                    closeWhenWritten();
                }
                return;
            }
            if (outbound.overflowed()) {
                // The stream ends for what waits here: free it now rather than after the grace.
                outbound.discard();
            } else {
                writeQueued(true);
            }
            closedOnWire = true;
            if (errorXml != null) {
                channel.write(ByteBufUtil.writeUtf8(channel.alloc(), errorXml), channel.voidPromise());
            }
            String close = framing.webSocket() ? "<close xmlns='" + WebSocketFraming.FRAMING + "'/>" : "</stream:stream>";
            channel.writeAndFlush(ByteBufUtil.writeUtf8(channel.alloc(), close), channel.voidPromise());
            // RFC 6120 §4.4: the TCP connection ends once the peer has closed its stream too (or
            // its socket). Closing ours sooner could reset the connection and lose the error with it.
            if (peerClosedStream) {
                closeWhenWritten();
            }
            // A peer that never answers, or stopped reading, gets a grace and no more.
            ScheduledFuture<?> forced = channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_SECONDS,
                    TimeUnit.SECONDS);
            channel.closeFuture().addListener(f -> forced.cancel(false));
        });
    }

    private void closeWhenWritten() {
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }
}
