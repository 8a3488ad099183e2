package im.parley.net;

import im.parley.stream.ClientStream;
import im.parley.stream.Connection;
import im.parley.tls.TlsContexts;
import im.parley.xml.XmlLimits;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The client-to-server listeners: one port that starts in the clear and offers STARTTLS
 * (RFC 6120 §5), and optionally one that starts with TLS (XEP-0368 direct TLS).
 */
public final class ClientListener implements AutoCloseable {
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
    private final Function<Connection, ClientStream> streams;

    public ClientListener(TlsContexts tls, XmlLimits limits, Timeouts timeouts,
            Function<Connection, ClientStream> streams) {
        this.tls = tls;
        this.limits = limits;
        this.timeouts = timeouts;
        this.streams = streams;
    }

    /** Binds a port; {@code directTls} makes every connection start with a TLS handshake. Returns the bound address. */
    public InetSocketAddress bind(String address, int port, boolean directTls) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (directTls) {
                            ch.pipeline().addLast("tls", tls.newDirectTlsHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast("xmpp", new ClientConnection(tls, limits, timeouts, streams));
                    }
                });
        Channel channel = bootstrap.bind(address, port).sync().channel();
        serverChannels.add(channel);
        return (InetSocketAddress) channel.localAddress();
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
