package im.parley.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * The server's network threads: one Netty loop that accepts connections on every port, and one
 * group of worker loops (Netty's default: twice the cores) that carries every connection, client,
 * component, server or SOCKS5, in and out. Made once by the server, handed to every listener and
 * outgoing bootstrap, closed once at shutdown, after them: one set of threads sized to the machine
 * instead of one per listener.
 */
public final class EventLoops implements AutoCloseable {
    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());

    /** A listener's bootstrap on these loops: TCP_NODELAY (stanzas are small and wait for nothing), address reuse. */
    public ServerBootstrap serverBootstrap() {
        return new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true);
    }

    /** An outgoing connection's bootstrap on the worker loops. */
    public Bootstrap bootstrap() {
        return new Bootstrap()
                .group(workers)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true);
    }

    /** The worker loops, for timers that belong to no one connection. */
    public EventLoopGroup workers() {
        return workers;
    }

    @Override
    public void close() {
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
