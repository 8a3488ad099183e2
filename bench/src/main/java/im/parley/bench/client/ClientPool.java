package im.parley.bench.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Opens simulated users' connections on a few shared event loops. Connections are spread over
 * source addresses 127.0.0.1, 127.0.0.2... so that one process can hold more connections to one
 * server port than a single address has ephemeral ports. A target with a WebSocket URL is reached
 * through {@link WebSocketTransport}.
 */
public final class ClientPool implements AutoCloseable {
    private final Target target;
    private final EventLoopGroup loops;
    private final Bootstrap bootstrap;
    private final SslContext ssl;

    public ClientPool(Target target, int threads) {
        this.target = target;
        this.loops = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap().group(loops).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
        try {
            // Loopback benchmark against self-signed certificates: there is nothing to authenticate.
            this.ssl = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Target target() {
        return target;
    }

    /** Connects user {@code index}; the future completes when it is online (or registered). */
    public CompletableFuture<XmppClient> connect(int index, XmppClient.Purpose purpose, StanzaListener listener) {
        XmppClient client = new XmppClient(target, index, purpose, ssl, listener);
        InetSocketAddress local = new InetSocketAddress("127.0.0." + (1 + index % target.sourceAddresses()), 0);
        URI webSocket = target.webSocket();
        ChannelFuture connected = webSocket == null
                ? bootstrap.clone().handler(client).connect(new InetSocketAddress(target.host(), target.port()), local)
                : bootstrap.clone().handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        WebSocketTransport.addTo(channel.pipeline(), webSocket, ssl, client);
                    }
                }).connect(new InetSocketAddress(webSocket.getHost(), WebSocketTransport.port(webSocket)), local);
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                client.ready().completeExceptionally(f.cause());
            }
        });
        return client.ready();
    }

    @Override
    public void close() {
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
