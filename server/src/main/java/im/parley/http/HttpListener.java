package im.parley.http;

import im.parley.config.HttpConfig;
import im.parley.net.EventLoops;
import im.parley.tls.TlsContexts;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP listener ({@code http.port}, and {@code http.tls-port} with the server's certificate):
 * Netty's HTTP codec, then {@link HttpDispatcher}, which hands each request to its route in
 * {@link HttpRoutes} (the WebSocket upgrade, discovery, uploads, the web client...), on the
 * server's shared {@link EventLoops}.
 */
public final class HttpListener implements HttpService, AutoCloseable {
    /** Netty's default marks, as for client connections (an upgraded WebSocket is one). */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 64 * 1024);
    /** The largest request line and headers. */
    private static final int HEADER_BYTES = 8192;

    private final EventLoops loops;
    private final List<Channel> serverChannels = new ArrayList<>();
    private final HttpRoutes routes;
    private final TlsContexts tls;
    private final HttpConfig config;
    private final Cors cors;
    private volatile int plainPort = -1;
    private volatile int tlsPort = -1;

    /** @param maxRequestBytes the largest small request (body) read whole, unless its route says otherwise */
    public HttpListener(EventLoops loops, TlsContexts tls, HttpConfig config, int maxRequestBytes) {
        this.loops = loops;
        this.tls = tls;
        this.config = config;
        this.cors = new Cors(config.corsOrigins());
        this.routes = new HttpRoutes(maxRequestBytes);
    }

    @Override
    public HttpRoutes routes() {
        return routes;
    }

    @Override
    public boolean reachable() {
        return config.publicBaseUrl() != null || config.tlsPort() >= 0 || config.port() >= 0;
    }

    @Override
    public String baseUrl(String host) {
        if (config.publicBaseUrl() != null) {
            return config.publicBaseUrl();
        }
        return config.tlsPort() >= 0 ? "https://" + host + ":" + (tlsPort >= 0 ? tlsPort : config.tlsPort())
                : "http://" + host + ":" + (plainPort >= 0 ? plainPort : config.port());
    }

    /** Binds a port; {@code directTls} makes it HTTPS. Returns the bound address. */
    public InetSocketAddress bind(String address, int port, boolean directTls) throws InterruptedException {
        ServerBootstrap bootstrap = loops.serverBootstrap()
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(pipeline(directTls));
        Channel channel = bootstrap.bind(address, port).sync().channel();
        serverChannels.add(channel);
        InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
        if (directTls) {
            tlsPort = bound.getPort();
        } else {
            plainPort = bound.getPort();
        }
        return bound;
    }

    private ChannelInitializer<Channel> pipeline(boolean directTls) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (directTls) {
                    ch.pipeline().addLast("tls", tls.newDirectTlsHandler(ch.alloc()));
                }
                CorsHeaders corsHeaders = new CorsHeaders(cors);
                ch.pipeline().addLast(new HttpServerCodec(4096, HEADER_BYTES, 8192),
                        new HttpTimeouts(config.idleTimeout()), new HttpServerExpectContinueHandler(),
                        corsHeaders, new HttpDispatcher(routes, cors, corsHeaders));
            }
        };
    }

    /**
     * Takes the HTTP request handling out of a connection upgraded to WebSocket: none of it has
     * anything more to do there (HttpTimeouts left on the 101), and each would hold its state (the
     * upgrade request's headers among it) and see every frame for as long as the session lasts.
     */
    static void leaveHttp(ChannelPipeline pipeline) {
        for (Class<? extends ChannelHandler> http : List.of(HttpServerExpectContinueHandler.class, CorsHeaders.class,
                HttpDispatcher.class)) {
            if (pipeline.get(http) != null) {
                pipeline.remove(http);
            }
        }
    }

    /** Closes the ports; the connections end with the server's event loops. */
    @Override
    public void close() {
        for (Channel channel : serverChannels) {
            channel.close().syncUninterruptibly();
        }
    }
}
