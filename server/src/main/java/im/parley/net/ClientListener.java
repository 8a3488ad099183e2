package im.parley.net;

import im.parley.stream.ClientStream;
import im.parley.stream.Connection;
import im.parley.tls.TlsContexts;
import im.parley.xml.XmlLimits;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

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
     * Turns a connection whose WebSocket upgrade (RFC 7395, {@code http/XmppWebSocket}) is done into
     * a client connection like those of the other ports: {@link WebSocketFraming}, then the XMPP
     * connection, at the end of its pipeline. {@code trustLoopback}: {@code http.trust-loopback}.
     */
    public void upgraded(ChannelPipeline pipeline, boolean trustLoopback) {
        ClientConnection.Framing framing = trustLoopback
                ? ClientConnection.Framing.WEBSOCKET_TRUSTING_LOOPBACK : ClientConnection.Framing.WEBSOCKET;
        pipeline.channel().config().setWriteBufferWaterMark(WATER_MARK);
        pipeline.addLast(new WebSocketFraming());
        pipeline.addLast("xmpp", new ClientConnection(framing, tls, limits, timeouts, maxQueuedBytes, queuedBytes, streams));
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
