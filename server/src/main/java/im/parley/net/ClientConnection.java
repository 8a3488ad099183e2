package im.parley.net;

import im.parley.auth.TlsInfo;
import im.parley.stream.ClientStream;
import im.parley.stream.Connection;
import im.parley.tls.SslHandlerTlsInfo;
import im.parley.tls.TlsContexts;
import im.parley.xml.Element;
import im.parley.xml.XmlLimits;
import im.parley.xml.XmlStreamException;
import im.parley.xml.XmlStreamParser;
import im.parley.xml.XmlWriter;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.StreamError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty end of one client connection: parses the bytes on the event loop into elements
 * for its {@link ClientStream}, and writes what the stream sends, coalescing the writes queued
 * from other threads into one flush per event-loop pass.
 *
 * <p>Backpressure: what is sent is serialized on the sender's thread and queued here; the event
 * loop moves it into the channel only while the channel is below its high water mark. A client
 * that stops reading therefore fills its socket, then the channel up to the mark, then this
 * queue up to {@code maxQueuedBytes}, at which point its stream is closed with policy-violation.
 * A sender that may wait (a session's own thread) waits for room instead ({@link #awaitRoom}).
 */
final class ClientConnection extends ChannelInboundHandlerAdapter implements Connection, ConnectionTimer.Duties {
    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);
    /** How long a closed stream waits for the client to read it and close its own before the connection is dropped. */
    private static final long CLOSE_GRACE_SECONDS = 5;

    private enum Output { OPEN, CLOSING, OVERFLOWED }

    /**
     * How the stream is framed. TCP: one XML document ({@code <stream:stream>} ... its closing tag).
     * WebSocket (RFC 7395): {@code <open/>} and {@code <close/>} elements, each element a document
     * of its own in a frame ({@link WebSocketFraming} turns frames into text for the same parser and
     * back); there is no STARTTLS (TLS is the HTTP connection's), and a plain connection from a
     * loopback address may count as secure ({@code trustLoopback}).
     */
    enum Framing {
        TCP, WEBSOCKET, WEBSOCKET_TRUSTING_LOOPBACK;

        boolean webSocket() {
            return this != TCP;
        }
    }

    private final Framing framing;
    private final TlsContexts tls;
    private final XmlLimits limits;
    private final ClientListener.Timeouts timeouts;
    private final Function<Connection, ClientStream> streams;
    private final int maxQueuedBytes;
    private final LongAdder queuedTotal;
    /**
     * What waits to be written, in the order it was sent: serialized elements ({@link ByteBuf}),
     * and the switches of the stream (STARTTLS, a restart after SASL: {@link Runnable}s run on
     * the event loop when their turn comes), so that no write queued before or after a switch
     * can cross it.
     */
    private final Queue<Object> outbound = new ConcurrentLinkedQueue<>();
    /** Bytes in {@link #outbound}: what the client has not yet taken beyond the channel's own buffer. */
    private final AtomicLong queued = new AtomicLong();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    /** Open, closing (nothing more is accepted), or closing because the cap tripped. */
    private final AtomicReference<Output> output = new AtomicReference<>(Output.OPEN);
    /** A sender waiting in {@link #awaitRoom}, woken when the queue drains below half the cap or output stops. */
    private volatile Thread roomWaiter;

    private Channel channel;
    private ClientStream stream;
    private XmlStreamParser parser;
    private boolean inputFailed;
    private ConnectionTimer timer;
    /** The stream's closing tag is written (event loop only): nothing may follow it. */
    private boolean closedOnWire;
    /** The client's closing tag has been read (event loop only). */
    private boolean peerClosedStream;

    /**
     * @param maxQueuedBytes the cap on bytes waiting for a client that reads slower than it is sent
     *     to; above it the stream is closed with policy-violation
     * @param queuedTotal the bytes waiting in every connection (this one adds and removes its own)
     */
    ClientConnection(TlsContexts tls, XmlLimits limits, ClientListener.Timeouts timeouts, int maxQueuedBytes,
            LongAdder queuedTotal, Function<Connection, ClientStream> streams) {
        this(Framing.TCP, tls, limits, timeouts, maxQueuedBytes, queuedTotal, streams);
    }

    /** @param framing how the stream is framed on this transport: TCP, or WebSocket frames (RFC 7395) */
    ClientConnection(Framing framing, TlsContexts tls, XmlLimits limits, ClientListener.Timeouts timeouts,
            int maxQueuedBytes, LongAdder queuedTotal, Function<Connection, ClientStream> streams) {
        this.framing = framing;
        this.tls = tls;
        this.limits = limits;
        this.timeouts = timeouts;
        this.maxQueuedBytes = maxQueuedBytes;
        this.queuedTotal = queuedTotal;
        this.streams = streams;
    }

    // ---- inbound, on the event loop ----

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
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
        stream = streams.apply(this);
        parser = newParser();
        timer = new ConnectionTimer(ctx.executor(), timeouts, this);
        timer.start();
    }

    private XmlStreamParser newParser() {
        return new XmlStreamParser(limits, new XmlStreamParser.Listener() {
            @Override
            public void streamOpened(Element header, String contentNamespace) {
                // This transport's framing (RFC 6120 §4.8): <stream:stream/>, with stanzas in jabber:client
                // (the parser gives them Namespaces.STANZA, the writer writes them back in it).
                String invalid = StreamHeaders.invalidNamespace(header, contentNamespace, Namespaces.CLIENT);
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
        ReadPacing.afterRead(channel, stream::backlog);
    }

    // ---- ConnectionTimer.Duties, on the event loop ----

    @Override
    public boolean isAuthenticated() {
        return stream.isBound();
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
        // RFC 6120 §4.6.1: a whitespace keepalive keeps NATs and the client's own timers happy.
        sendRaw(" ");
    }

    @Override
    public boolean rest() {
        return parser.rest();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        timer.stop();
        output.compareAndSet(Output.OPEN, Output.CLOSING);
        stream.disconnected();
        discardQueued();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
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

    // ---- Connection: called from the stream's thread ----

    @Override
    public void openStream(String from, String id) {
        StringBuilder sb = new StringBuilder(256);
        if (framing.webSocket()) {
            sb.append("<open xmlns='").append(WebSocketFraming.FRAMING).append("' id='");
        } else {
            sb.append("<?xml version='1.0'?><stream:stream xmlns='").append(Namespaces.CLIENT)
                    .append("' xmlns:stream='").append(Namespaces.STREAMS).append("' id='");
        }
        XmlWriter.escapeAttribute(id, sb);
        sb.append("' from='");
        XmlWriter.escapeAttribute(from, sb);
        sb.append(framing.webSocket() ? "' version='1.0' xml:lang='en'/>" : "' version='1.0' xml:lang='en'>");
        sendRaw(sb.toString());
    }

    @Override
    public boolean send(Element element) {
        return sendRaw(StreamWriter.toXml(element, Namespaces.CLIENT, framing.webSocket()));
    }

    /**
     * Queues {@code xml} unless the stream is closing or the cap would be passed; an empty queue
     * always takes it, so that one stanza larger than the cap cannot end a session that keeps up.
     */
    private boolean sendRaw(String xml) {
        if (output.get() != Output.OPEN) {
            return false;
        }
        ByteBuf buf = ByteBufUtil.writeUtf8(channel.alloc(), xml);
        int size = buf.readableBytes();
        long after = queued.addAndGet(size);
        if (after > maxQueuedBytes && after > size) {
            queued.addAndGet(-size);
            buf.release();
            // Closing from now on: what is sent after this overflow is refused, not half-queued.
            if (output.compareAndSet(Output.OPEN, Output.OVERFLOWED)) {
                wakeRoomWaiter();
                stream.outboundFull(maxQueuedBytes);
            }
            return false;
        }
        queuedTotal.add(size);
        enqueue(buf);
        return true;
    }

    private void enqueue(Object entry) {
        outbound.add(entry);
        if (flushScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(() -> writeQueued(false));
        }
    }

    @Override
    public boolean awaitRoom() {
        long lowMark = maxQueuedBytes / 2;
        roomWaiter = Thread.currentThread();
        try {
            while (queued.get() > lowMark && output.get() == Output.OPEN) {
                // The event loop wakes us; the timeout only bounds a wake-up that raced this check.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        } finally {
            roomWaiter = null;
        }
        return output.get() == Output.OPEN;
    }

    private void wakeRoomWaiter() {
        Thread waiter = roomWaiter;
        if (waiter != null) {
            LockSupport.unpark(waiter);
        }
    }

    /**
     * Moves what is queued into the channel and flushes once: one syscall for a burst of stanzas.
     * Stops while the channel is above its high water mark (the client reads slower than it is
     * sent to), so that what waits stays here, counted against the cap, unless {@code all}.
     */
    private void writeQueued(boolean all) {
        if (!channel.isActive() || closedOnWire) {
            flushScheduled.set(false);
            discardQueued();
            return;
        }
        boolean wrote = false;
        Object next;
        while ((all || channel.isWritable()) && (next = outbound.poll()) != null) {
            if (next instanceof ByteBuf buf) {
                dequeued(buf.readableBytes());
                channel.write(buf, channel.voidPromise());
            } else {
                ((Runnable) next).run();
            }
            wrote = true;
        }
        if (wrote) {
            channel.flush();
            timer.wrote();
            if (queued.get() <= maxQueuedBytes / 2) {
                wakeRoomWaiter();
            }
        }
        // While the channel is unwritable the flag stays set: senders need not schedule this pass
        // again, channelWritabilityChanged runs it when the client has read.
        if (all || channel.isWritable()) {
            flushScheduled.set(false);
            if (!outbound.isEmpty() && flushScheduled.compareAndSet(false, true)) {
                // Queued between the last poll and the clear: its sender saw the flag still set.
                channel.eventLoop().execute(() -> writeQueued(false));
            }
        }
    }

    private void discardQueued() {
        Object next;
        while ((next = outbound.poll()) != null) {
            if (next instanceof ByteBuf buf) {
                dequeued(buf.readableBytes());
                buf.release();
            }
        }
    }

    private void dequeued(int size) {
        queued.addAndGet(-size);
        queuedTotal.add(-size);
    }

    @Override
    public boolean canStartTls() {
        return tls != null && !framing.webSocket() && channel.pipeline().get(SslHandler.class) == null;
    }

    @Override
    public void startTls(Element proceed) {
        String xml = StreamWriter.toXml(proceed, Namespaces.CLIENT);
        enqueue((Runnable) () -> {
            // What was written before goes out in the clear ahead of the handler; the STARTTLS
            // handler then lets its first write (the proceed) pass in the clear too.
            channel.flush();
            channel.pipeline().addFirst("tls", tls.newStartTlsHandler(channel.alloc()));
            parser = newParser();
            channel.writeAndFlush(ByteBufUtil.writeUtf8(channel.alloc(), xml));
        });
    }

    @Override
    public void restartStream(Element element) {
        String xml = StreamWriter.toXml(element, Namespaces.CLIENT, framing.webSocket());
        enqueue((Runnable) () -> {
            parser = newParser();
            channel.write(ByteBufUtil.writeUtf8(channel.alloc(), xml), channel.voidPromise());
        });
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

    @Override
    public void closeStream(Element error) {
        // Two writes on WebSocket, where the error and <close/> are frames of their own.
        String errorXml = error == null ? null : StreamWriter.toXml(error, Namespaces.CLIENT, framing.webSocket());
        String close = framing.webSocket() ? "<close xmlns='" + WebSocketFraming.FRAMING + "'/>" : "</stream:stream>";
        output.compareAndSet(Output.OPEN, Output.CLOSING);
        wakeRoomWaiter();
        if (!channel.isOpen()) {
            // Closed by the peer, or by the server's shutdown, whose event loop takes no more tasks.
            return;
        }
        channel.eventLoop().execute(() -> {
            if (output.get() == Output.OVERFLOWED) {
                // The session ends for what waits here: free it now rather than after the grace.
                discardQueued();
            } else {
                writeQueued(true);
            }
            closedOnWire = true;
            if (errorXml != null) {
                channel.write(ByteBufUtil.writeUtf8(channel.alloc(), errorXml), channel.voidPromise());
            }
            channel.writeAndFlush(ByteBufUtil.writeUtf8(channel.alloc(), close), channel.voidPromise());
            // RFC 6120 §4.4: the TCP connection ends once the client has closed its stream too (or
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
