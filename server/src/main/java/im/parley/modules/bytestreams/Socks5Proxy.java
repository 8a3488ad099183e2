package im.parley.modules.bytestreams;

import im.parley.net.EventLoops;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's SOCKS5 side (XEP-0065 §6): connections arrive, each names its bytestream with its
 * DST.ADDR, and when the requester asks for activation the two connections of that stream are
 * joined. Limits: connections at once, two per bytestream, and an unactivated connection is
 * closed after a while (the XEP's §11 warns of sessions that are never activated).
 */
final class Socks5Proxy implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Socks5Proxy.class);

    /** What an activation request found: the stream joined, no connection with its address, or one only (or joined already). */
    enum Activation { ACTIVATED, NO_SUCH_STREAM, ONE_PARTY_ONLY }

    /** Set on both connections of a bytestream when it is activated. */
    private static final AttributeKey<Boolean> ACTIVATED = AttributeKey.valueOf("bytestream-activated");

    private final EventLoops loops;
    private final Map<String, List<Channel>> streams = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final int maxConnections;
    private final Duration activationTimeout;
    private Channel server;

    /** @param loops the server's network threads, which the proxy's port and connections run on */
    Socks5Proxy(EventLoops loops, int maxConnections, Duration activationTimeout) {
        this.loops = loops;
        this.maxConnections = maxConnections;
        this.activationTimeout = activationTimeout;
    }

    /** Listens; returns the bound address (the port, when 0 asked for any). */
    InetSocketAddress bind(String address, int port) throws InterruptedException {
        server = loops.serverBootstrap()
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new Socks5Handshake(Socks5Proxy.this::register));
                    }
                })
                .bind(address, port).sync().channel();
        return (InetSocketAddress) server.localAddress();
    }

    /** Files a connection under its bytestream's address: at most two, and {@code max-connections} in all. */
    private boolean register(String address, Channel channel) {
        if (connections.incrementAndGet() > maxConnections) {
            connections.decrementAndGet();
            log.warn("SOCKS5 proxy full ({} connections): {} refused", maxConnections, channel.remoteAddress());
            return false;
        }
        boolean[] added = new boolean[1];
        streams.compute(address, (key, parties) -> {
            List<Channel> list = parties == null ? new ArrayList<>(2) : parties;
            if (list.size() < 2) {
                list.add(channel);
                added[0] = true;
            }
            return list;
        });
        if (!added[0]) {
            connections.decrementAndGet();
            return false;
        }
        channel.closeFuture().addListener(closed -> {
            connections.decrementAndGet();
            streams.computeIfPresent(address, (key, parties) -> {
                parties.remove(channel);
                return parties.isEmpty() ? null : parties;
            });
        });
        channel.eventLoop().schedule(() -> {
            if (channel.isActive() && channel.attr(ACTIVATED).get() == null) {
                log.info("bytestream {} not activated within {} s: closed", address, activationTimeout.toSeconds());
                channel.close();
            }
        }, activationTimeout.toMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    /** Joins the two connections of the bytestream at {@code address} (XEP-0065 §6.3.4), once. */
    Activation activate(String address) {
        Channel[][] snapshot = new Channel[1][];
        streams.computeIfPresent(address, (key, parties) -> {
            snapshot[0] = parties.toArray(Channel[]::new);
            return parties;
        });
        Channel[] pair = snapshot[0];
        if (pair == null) {
            return Activation.NO_SUCH_STREAM;
        }
        if (pair.length < 2 || pair[0].attr(ACTIVATED).setIfAbsent(true) != null) {
            return Activation.ONE_PARTY_ONLY;
        }
        pair[1].attr(ACTIVATED).set(true);
        start(pair[0], pair[1]);
        start(pair[1], pair[0]);
        return Activation.ACTIVATED;
    }

    private static void start(Channel side, Channel other) {
        side.eventLoop().execute(() -> {
            ChannelHandlerContext context = side.pipeline().context(Relay.class);
            if (context != null) {
                ((Relay) context.handler()).start(context, other);
            }
        });
    }

    /** Closes the port, unless the server's event loops have ended already, and its connections with them. */
    @Override
    public void close() {
        if (server != null && server.isOpen()) {
            server.close().syncUninterruptibly();
        }
    }
}
