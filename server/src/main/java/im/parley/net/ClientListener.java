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
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The client-to-server listeners: one port that starts in the clear and offers STARTTLS
 * (RFC 6120 §5), and optionally one that starts with TLS (XEP-0368 direct TLS).
 */
public final class ClientListener implements AutoCloseable {
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

    /**
     * The count behind {@link #queuedBytes}, for client transports of their own (BOSH sessions),
     * whose {@link OutboundQueue}s add to it as this listener's connections do.
     */
    public LongAdder queuedTotal() {
        return queuedBytes;
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

    /** What makes the client stream of a new connection: for transports of their own, such as BOSH sessions. */
    public Function<Connection, ClientStream> streams() {
        return streams;
    }

    /** The XMPP connection of an accepted channel whose stream is framed as {@code framing}: put it in its pipeline. */
    public XmlStreamChannel newConnection(XmlStreamChannel.Framing framing) {
        return new XmlStreamChannel(framing, StreamKind.CLIENT, settings, streams);
    }

    /**
     * Turns a connection whose WebSocket upgrade (RFC 7395, {@code http/XmppWebSocket}) is done into
     * a client connection like those of the other ports: {@link WebSocketFraming}, then the XMPP
     * connection, at the end of its pipeline. {@code trustLoopback}: {@code http.trust-loopback}.
     */
    public void upgraded(ChannelPipeline pipeline, boolean trustLoopback) {
        XmlStreamChannel.Framing framing = trustLoopback
                ? XmlStreamChannel.Framing.WEBSOCKET_TRUSTING_LOOPBACK : XmlStreamChannel.Framing.WEBSOCKET;
        pipeline.addLast(new WebSocketFraming());
        pipeline.addLast("xmpp", newConnection(framing));
    }

    /** Closes the ports; the connections end with the server's event loops. */
    @Override
    public void close() {
        for (Channel channel : serverChannels) {
            channel.close().syncUninterruptibly();
        }
    }
}
