package im.parley.net;

import im.parley.config.HttpConfig;
import im.parley.http.bosh.BoshHandler;
import im.parley.http.bosh.BoshSessions;
import im.parley.stream.ClientStream;
import im.parley.stream.Connection;
import im.parley.tls.TlsContexts;
import im.parley.xml.XmlLimits;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client-to-server listeners: one port that starts in the clear and offers STARTTLS
 * (RFC 6120 §5), and optionally one that starts with TLS (XEP-0368 direct TLS).
 */
public final class ClientListener implements AutoCloseable {
    /**
     * Netty's default marks, made explicit because the outbound queue relies on them: above the
     * high mark a connection keeps what it is sent in its own queue (counted against the cap)
     * instead of the channel's buffer, until the client has read the channel down to the low mark.
     */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 64 * 1024);
    /** The WebSocket subprotocol of RFC 7395. */
    private static final String XMPP_SUBPROTOCOL = "xmpp";
    private static final Logger log = LoggerFactory.getLogger(ClientListener.class);

    /**
     * Timing options for every client connection.
     *
     * @param unauthenticated time allowed to authenticate and bind
     * @param idle a connection silent this long is closed; the server sends a whitespace keepalive
     *     after half of it without writing
     * @param rest input pause after which the connection's parser frees its buffers until more comes
     */
    public record Timeouts(Duration unauthenticated, Duration idle, Duration rest) {
    }

    private final EventLoopGroup bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup workerGroup = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    private final List<Channel> serverChannels = new ArrayList<>();
    private final TlsContexts tls;
    private final XmlLimits limits;
    private final Timeouts timeouts;
    private final int maxQueuedBytes;
    private final LongAdder queuedBytes = new LongAdder();
    private final Function<Connection, ClientStream> streams;
    /** The BOSH sessions of both HTTP ports (a session's requests may come on either). */
    private BoshSessions bosh;

    /** @param maxQueuedBytes per connection, the bytes that may wait for a client that reads slowly */
    public ClientListener(TlsContexts tls, XmlLimits limits, Timeouts timeouts, int maxQueuedBytes,
            Function<Connection, ClientStream> streams) {
        this.tls = tls;
        this.limits = limits;
        this.timeouts = timeouts;
        this.maxQueuedBytes = maxQueuedBytes;
        this.streams = streams;
    }

    /** Bytes serialized for clients and waiting in connections' queues (beyond their channels' buffers). */
    public long queuedBytes() {
        return queuedBytes.sum();
    }

    /** Binds a port; {@code directTls} makes every connection start with a TLS handshake. Returns the bound address. */
    public InetSocketAddress bind(String address, int port, boolean directTls) throws InterruptedException {
        return bind(address, port, pipeline(directTls));
    }

    private InetSocketAddress bind(String address, int port, ChannelInitializer<Channel> pipeline) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(pipeline);
        Channel channel = bootstrap.bind(address, port).sync().channel();
        serverChannels.add(channel);
        return (InetSocketAddress) channel.localAddress();
    }

    /**
     * Sets up the pipeline of one accepted connection: TLS first on a direct-TLS port, then the
     * XMPP connection. Tests build it on an in-memory channel (Netty's EmbeddedChannel) this way.
     */
    public ChannelInitializer<Channel> pipeline(boolean directTls) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (directTls) {
                    ch.pipeline().addLast("tls", tls.newDirectTlsHandler(ch.alloc()));
                }
                // Set here rather than as a child option of the bootstrap, so that a test's in-memory channel has it too.
                ch.config().setWriteBufferWaterMark(WATER_MARK);
                ch.pipeline().addLast("xmpp", new ClientConnection(tls, limits, timeouts, maxQueuedBytes,
                        queuedBytes, streams));
            }
        };
    }

    /**
     * Binds an HTTP port for XMPP over WebSocket (RFC 7395) at {@code http.websocketPath()} and
     * XEP-0156's host-meta; {@code tls} makes it HTTPS. A connection becomes a client connection
     * like those of the other ports once the upgrade to the {@code xmpp} subprotocol is done.
     */
    public InetSocketAddress bindWebSocket(String address, int port, boolean tls, HttpConfig http, int maxFrameBytes)
            throws InterruptedException {
        ClientConnection.Framing framing = http.trustLoopback()
                ? ClientConnection.Framing.WEBSOCKET_TRUSTING_LOOPBACK : ClientConnection.Framing.WEBSOCKET;
        WebSocketServerProtocolConfig webSocket = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(http.websocketPath()).subprotocols(XMPP_SUBPROTOCOL).checkStartsWith(false)
                .maxFramePayloadLength(maxFrameBytes).build();
        if (bosh == null) {
            bosh = new BoshSessions(http.bosh(), limits, timeouts.unauthenticated(), maxQueuedBytes, http.trustLoopback(),
                    streams);
        }
        return bind(address, port, new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (tls) {
                    ch.pipeline().addLast("tls", ClientListener.this.tls.newDirectTlsHandler(ch.alloc()));
                }
                ch.config().setWriteBufferWaterMark(WATER_MARK);
                // The aggregator's limit: a BOSH request's body holds up to a stanza and its wrapper.
                ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(maxFrameBytes + 8192),
                        new BoshHandler(bosh, tls),
                        new WebSocketServerProtocolHandler(webSocket),
                        new HostMeta(tls, http.websocketPath(), http.bosh().path(), http.publicUrl()),
                        new WebSocketFraming(),
                        new ChannelInboundHandlerAdapter() {
                            @Override
                            public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                                if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete handshake) {
                                    upgraded(ctx, handshake, framing);
                                } else {
                                    ctx.fireUserEventTriggered(event);
                                }
                            }
                        });
            }
        });
    }

    /** RFC 7395 §3.1: only the xmpp subprotocol; the XMPP connection replaces the upgrade's watcher. */
    private void upgraded(ChannelHandlerContext ctx, WebSocketServerProtocolHandler.HandshakeComplete handshake,
            ClientConnection.Framing framing) {
        if (!XMPP_SUBPROTOCOL.equals(handshake.selectedSubprotocol())) {
            log.info("WebSocket client {} did not ask for the xmpp subprotocol: closed", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        ctx.pipeline().replace(ctx.handler(), "xmpp",
                new ClientConnection(framing, tls, limits, timeouts, maxQueuedBytes, queuedBytes, streams));
    }

    @Override
    public void close() {
        for (Channel channel : serverChannels) {
            channel.close().syncUninterruptibly();
        }
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
