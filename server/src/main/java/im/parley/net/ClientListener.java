package im.parley.net;

import im.parley.config.HttpConfig;
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
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client-to-server listeners: one port that starts in the clear and offers STARTTLS
 * (RFC 6120 §5), and optionally one that starts with TLS (XEP-0368 direct TLS).
 */
public final class ClientListener implements AutoCloseable {
    /** The WebSocket subprotocol of RFC 7395. */
    private static final String XMPP_SUBPROTOCOL = "xmpp";
    private static final Logger log = LoggerFactory.getLogger(ClientListener.class);

    private final EventLoops loops;
    private final List<Channel> serverChannels = new ArrayList<>();
    private final TlsContexts tls;
    private final LongAdder queuedBytes = new LongAdder();
    private final XmlStreamChannel.Settings settings;
    private final Function<Connection, ClientStream> streams;

    /**
     * @param loops the server's network threads, which this listener's ports and connections run on
     * @param maxQueuedBytes per connection, the bytes that may wait for a client that reads slowly
     */
    public ClientListener(EventLoops loops, TlsContexts tls, XmlLimits limits, StreamTimeouts timeouts,
            int maxQueuedBytes, Function<Connection, ClientStream> streams) {
        this.loops = loops;
        this.tls = tls;
        this.settings = new XmlStreamChannel.Settings(tls, limits, timeouts, maxQueuedBytes, queuedBytes);
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
        ServerBootstrap bootstrap = loops.serverBootstrap()
                .option(ChannelOption.SO_BACKLOG, 1024)
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
                ch.pipeline().addLast("xmpp", newConnection(XmlStreamChannel.Framing.TCP));
            }
        };
    }

    /** The XMPP connection of an accepted channel whose stream is framed as {@code framing}: put it in its pipeline. */
    public XmlStreamChannel newConnection(XmlStreamChannel.Framing framing) {
        return new XmlStreamChannel(framing, StreamKind.CLIENT, settings, streams);
    }

    /**
     * Binds an HTTP port for XMPP over WebSocket (RFC 7395) at {@code http.websocketPath()} and
     * XEP-0156's host-meta; {@code tls} makes it HTTPS. A connection becomes a client connection
     * like those of the other ports once the upgrade to the {@code xmpp} subprotocol is done.
     */
    public InetSocketAddress bindWebSocket(String address, int port, boolean tls, HttpConfig http, int maxFrameBytes)
            throws InterruptedException {
        XmlStreamChannel.Framing framing = http.trustLoopback()
                ? XmlStreamChannel.Framing.WEBSOCKET_TRUSTING_LOOPBACK : XmlStreamChannel.Framing.WEBSOCKET;
        WebSocketServerProtocolConfig webSocket = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(http.websocketPath()).subprotocols(XMPP_SUBPROTOCOL).checkStartsWith(false)
                .maxFramePayloadLength(maxFrameBytes).build();
        return bind(address, port, new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (tls) {
                    ch.pipeline().addLast("tls", ClientListener.this.tls.newDirectTlsHandler(ch.alloc()));
                }
                ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
                        new WebSocketServerProtocolHandler(webSocket),
                        new HostMeta(tls, http.websocketPath(), http.publicUrl()),
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
            XmlStreamChannel.Framing framing) {
        if (!XMPP_SUBPROTOCOL.equals(handshake.selectedSubprotocol())) {
            log.info("WebSocket client {} did not ask for the xmpp subprotocol: closed", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        ctx.pipeline().replace(ctx.handler(), "xmpp", newConnection(framing));
    }

    /** Closes the ports; the connections end with the server's event loops. */
    @Override
    public void close() {
        for (Channel channel : serverChannels) {
            channel.close().syncUninterruptibly();
        }
    }
}
