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
import java.net.InetSocketAddress;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty end of one client connection: parses the bytes on the event loop into elements
 * for its {@link ClientStream}, and writes what the stream sends, coalescing the writes queued
 * from other threads into one flush per event-loop pass.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter implements Connection, ConnectionTimer.Duties {
    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);
    /** Elements parsed but not yet handled beyond which reading pauses (the client outpaces the server). */
    private static final int MAX_BACKLOG = 512;

    private final TlsContexts tls;
    private final XmlLimits limits;
    private final ClientListener.Timeouts timeouts;
    private final Function<Connection, ClientStream> streams;
    private final Queue<ByteBuf> outbound = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();

    private Channel channel;
    private ClientStream stream;
    private XmlStreamParser parser;
    private boolean inputFailed;
    private ConnectionTimer timer;

    ClientConnection(TlsContexts tls, XmlLimits limits, ClientListener.Timeouts timeouts,
            Function<Connection, ClientStream> streams) {
        this.tls = tls;
        this.limits = limits;
        this.timeouts = timeouts;
        this.streams = streams;
    }

    // ---- inbound, on the event loop ----

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        stream = streams.apply(this);
        parser = newParser();
        timer = new ConnectionTimer(ctx.executor(), timeouts, this);
        timer.start();
        ctx.fireChannelActive();
    }

    private XmlStreamParser newParser() {
        return new XmlStreamParser(limits, new XmlStreamParser.Listener() {
            @Override
            public void streamOpened(Element header, String contentNamespace) {
                stream.streamOpened(header, contentNamespace);
            }

            @Override
            public void element(Element element) {
                stream.element(element);
            }

            @Override
            public void streamClosed() {
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
        if (stream.backlog() > MAX_BACKLOG && channel.config().isAutoRead()) {
            channel.config().setAutoRead(false);
            resumeWhenCaughtUp();
        }
    }

    private void resumeWhenCaughtUp() {
        channel.eventLoop().schedule(() -> {
            if (stream.backlog() > MAX_BACKLOG / 4) {
                resumeWhenCaughtUp();
            } else {
                channel.config().setAutoRead(true);
            }
        }, 5, TimeUnit.MILLISECONDS);
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
        stream.disconnected();
        ByteBuf pending;
        while ((pending = outbound.poll()) != null) {
            pending.release();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    // ---- Connection: called from the stream's thread ----

    @Override
    public void send(Element element) {
        sendRaw(StreamWriter.toXml(element, Namespaces.CLIENT));
    }

    @Override
    public void sendRaw(String xml) {
        outbound.add(ByteBufUtil.writeUtf8(channel.alloc(), xml));
        if (flushScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(this::writeQueued);
        }
    }

    /** Writes everything queued and flushes once: one syscall for a burst of stanzas. */
    private void writeQueued() {
        flushScheduled.set(false);
        ByteBuf buf;
        boolean wrote = false;
        while ((buf = outbound.poll()) != null) {
            if (channel.isActive()) {
                channel.write(buf, channel.voidPromise());
                wrote = true;
            } else {
                buf.release();
            }
        }
        if (wrote) {
            channel.flush();
            timer.wrote();
        }
    }

    @Override
    public boolean canStartTls() {
        return tls != null && channel.pipeline().get(SslHandler.class) == null;
    }

    @Override
    public void startTls(Element proceed) {
        String xml = StreamWriter.toXml(proceed, Namespaces.CLIENT);
        channel.eventLoop().execute(() -> {
            writeQueued();
            // A STARTTLS handler lets its first write (the proceed) pass in the clear.
            channel.pipeline().addFirst("tls", tls.newStartTlsHandler(channel.alloc()));
            parser = newParser();
            channel.writeAndFlush(Unpooled.copiedBuffer(xml, java.nio.charset.StandardCharsets.UTF_8));
        });
    }

    @Override
    public void restartStream(Element element) {
        String xml = StreamWriter.toXml(element, Namespaces.CLIENT);
        channel.eventLoop().execute(() -> {
            writeQueued();
            parser = newParser();
            channel.writeAndFlush(ByteBufUtil.writeUtf8(channel.alloc(), xml));
        });
    }

    @Override
    public TlsInfo tls() {
        SslHandler handler = channel.pipeline().get(SslHandler.class);
        return handler == null ? TlsInfo.PLAINTEXT : new SslHandlerTlsInfo(handler);
    }

    @Override
    public void close() {
        if (!channel.isOpen()) {
            // Closed by the peer, or by the server's shutdown, whose event loop takes no more tasks.
            return;
        }
        channel.eventLoop().execute(() -> {
            writeQueued();
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        });
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }
}
