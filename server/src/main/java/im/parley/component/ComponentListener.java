package im.parley.component;

import im.parley.config.ComponentsConfig;
import im.parley.net.EventLoops;
import im.parley.net.StreamTimeouts;
import im.parley.net.XmlStreamChannel;
import im.parley.router.StanzaRouter;
import im.parley.xml.XmlLimits;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * The port external components connect to (XEP-0114 accept mode), loopback by default: a
 * component is trusted with every address of its domain, and the handshake is its only proof.
 */
public final class ComponentListener implements AutoCloseable {
    private final EventLoops loops;
    private final Components components;
    private final StanzaRouter router;
    private final LongAdder queuedBytes = new LongAdder();
    private final XmlStreamChannel.Settings settings;
    private Channel serverChannel;

    /**
     * @param loops the server's network threads
     * @param handshakeTimeout a connection that has not completed its handshake by then is closed
     * @param maxQueuedBytes the bytes that may wait for a component that reads slowly
     */
    public ComponentListener(EventLoops loops, Components components, StanzaRouter router, XmlLimits limits,
            Duration handshakeTimeout, int maxQueuedBytes) {
        this.loops = loops;
        this.components = components;
        this.router = router;
        // No idle timeout: TCP keepalive finds a component that vanished (see bind).
        this.settings = new XmlStreamChannel.Settings(null, limits,
                new StreamTimeouts(handshakeTimeout, null, false, null), maxQueuedBytes, queuedBytes);
    }

    /** Binds the configured address and port; returns the bound address. */
    public InetSocketAddress bind(ComponentsConfig config) throws InterruptedException {
        ServerBootstrap bootstrap = loops.serverBootstrap()
                // A component stays connected for days and may say nothing for hours: TCP's own probes
                // find a peer that vanished, so its domain bounces instead of waiting on a dead socket.
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("xmpp", new XmlStreamChannel(XmlStreamChannel.Framing.TCP,
                                ComponentStream.KIND, settings, connection -> new ComponentStream(connection,
                                        components, router)));
                    }
                });
        serverChannel = bootstrap.bind(config.bindAddress(), config.port()).sync().channel();
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Bytes serialized for components and waiting in their connections' queues. */
    public long queuedBytes() {
        return queuedBytes.sum();
    }

    /** Closes the port; the connections end with the server's event loops. */
    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
    }
}
