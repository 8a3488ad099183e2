package im.parley.s2s;

import im.parley.config.ConfigException;
import im.parley.config.S2sConfig;
import im.parley.module.Origin;
import im.parley.net.EventLoops;
import im.parley.net.StreamTimeouts;
import im.parley.net.XmlStreamChannel;
import im.parley.router.RouteTable;
import im.parley.router.StanzaRouter;
import im.parley.tls.PeerCertificates;
import im.parley.tls.TlsContexts;
import im.parley.xml.XmlLimits;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Federation (RFC 6120 server-to-server): the listener for peers' streams, and one outgoing
 * stream per domain pair (ours, theirs), opened by the first stanza for the pair and reused until
 * it idles out. The router sends here every stanza for a domain not served here.
 */
public final class Federation implements RouteTable.RemoteServers, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Federation.class);
    private static final Thread.Builder RESOLVERS = Thread.ofVirtual().name("s2s-resolve-", 0);

    /** A sender domain (ours) and a target domain (the peer's). */
    private record DomainPair(String local, String remote) {
    }

    private final S2sConfig config;
    private final TlsContexts tls;
    private final LongAdder queuedBytes = new LongAdder();
    /** The connections' timing: a peer not authenticated within the connect timeout, a stream idle either way. */
    private final XmlStreamChannel.Settings settings;
    private final RouteTable routes;
    private final String defaultHost;
    private final StanzaRouter router;
    private final PeerResolver resolver;
    private final DialbackKeys keys = DialbackKeys.random();
    private final PeerCertificates certificates;
    private final EventLoops loops;
    private final Map<DomainPair, OutgoingStream> outgoing = new ConcurrentHashMap<>();
    private Channel serverChannel;

    /**
     * @param loops the server's network threads, which the listener and the outgoing streams run on
     * @param defaultHost the host named in the header of a stream to a domain not served here, before its error
     */
    public Federation(EventLoops loops, S2sConfig config, TlsContexts tls, XmlLimits limits, RouteTable routes,
            String defaultHost, StanzaRouter router) {
        this.loops = loops;
        this.config = config;
        this.tls = tls;
        this.settings = new XmlStreamChannel.Settings(tls, limits,
                new StreamTimeouts(config.connectTimeout(), config.idleTimeout(), false, null),
                config.maxQueuedBytes(), queuedBytes);
        this.routes = routes;
        this.defaultHost = defaultHost;
        this.router = router;
        this.resolver = new PeerResolver(config.routes(), config.dnsServers(), S2sConfig.DEFAULT_PORT);
        try {
            this.certificates = new PeerCertificates(config.caCertificates(), config.selfSignedDomains());
        } catch (IOException e) {
            throw new ConfigException("s2s.ca-certificates: " + e.getMessage(), e);
        }
    }

    /** Opens the listener for peers' streams; returns the bound address. */
    public InetSocketAddress bind() throws InterruptedException {
        ServerBootstrap bootstrap = loops.serverBootstrap()
                .childHandler(pipeline(() -> new IncomingStream(this)));
        serverChannel = bootstrap.bind(config.bindAddress(), config.port()).sync().channel();
        return (InetSocketAddress) serverChannel.localAddress();
    }

    private ChannelInitializer<Channel> pipeline(Supplier<ServerStream> stream) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ServerStream carried = stream.get();
                ch.pipeline().addLast("xmpp", new XmlStreamChannel(XmlStreamChannel.Framing.TCP, ServerStream.KIND,
                        settings, carried::connected));
            }
        };
    }

    /** Bytes serialized for peers and waiting in their connections' queues. */
    public long queuedBytes() {
        return queuedBytes.sum();
    }

    /** TLS for the receiving side of a stream (STARTTLS), asking for the peer's certificate. */
    SslHandler acceptTls(ByteBufAllocator allocator) {
        return tls.newServerToServerAcceptHandler(allocator);
    }

    /** TLS for a stream to {@code peerDomain}'s server, naming it in the server name indication. */
    SslHandler connectTls(ByteBufAllocator allocator, String peerDomain, InetSocketAddress address) {
        return tls.newServerToServerHandler(allocator, peerDomain, address.getPort());
    }

    /** Sends over the pair's stream, opening one if there is none (or it has just gone). */
    @Override
    public void send(Stanza stanza) {
        String local = stanza.from() == null ? null : stanza.from().domain();
        if (local == null || !routes.serves(local)) {
            // Only our own domains' stanzas leave here: a peer's stanza is never relayed to a third server.
            log.debug("Not relaying {} from {} to {}", stanza.kind(), stanza.from(), stanza.to());
            bounce(stanza, StanzaError.REMOTE_SERVER_NOT_FOUND, "Not relayed");
            return;
        }
        DomainPair pair = new DomainPair(local, stanza.to().domain());
        while (!outgoing.computeIfAbsent(pair, this::open).offer(stanza)) {
            // It failed since we looked it up: it has removed itself, so the next look-up opens another.
            Thread.onSpinWait();
        }
    }

    private OutgoingStream open(DomainPair pair) {
        OutgoingStream stream = new OutgoingStream(this, pair.local(), pair.remote(), null);
        start(stream);
        return stream;
    }

    private void start(OutgoingStream stream) {
        loops.workers().schedule(stream::connectTimedOut, config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        RESOLVERS.start(() -> stream.start(resolver.resolve(stream.remote())));
    }

    /**
     * Asks the authoritative server of {@code originating} whether it made {@code key} for a stream
     * to {@code receiving} with this id (XEP-0220 §2.1.2), over a stream of its own.
     */
    CompletableFuture<Boolean> verify(String receiving, String originating, String streamId, String key) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        start(new OutgoingStream(this, receiving, originating, new OutgoingStream.Verify(streamId, key, answer)));
        return answer;
    }

    ChannelFuture connect(InetSocketAddress address, OutgoingStream stream) {
        return loops.bootstrap()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .handler(pipeline(() -> stream))
                .connect(address);
    }

    /** An outgoing stream that failed or closed: the next stanza for its pair opens another. */
    void gone(OutgoingStream stream) {
        outgoing.remove(new DomainPair(stream.local(), stream.remote()), stream);
    }

    /** Logs a peer's authentication once per stream and domain pair, with the method. */
    void authenticated(String from, String to, String method, InetSocketAddress address, boolean incoming) {
        log.info("Federation: {} authenticated {} -> {} ({}, {} stream, {})", incoming ? from : to, from, to, method,
                incoming ? "incoming" : "outgoing", address);
    }

    /** A stanza from an authenticated peer, on its stream's own thread. */
    void received(Stanza stanza, Origin origin) {
        router.route(stanza, origin);
    }

    /** Answers a stanza that cannot go out with an error (never an error or an IQ answer: RFC 6120 §8.3.1). */
    void bounce(Stanza stanza, StanzaError condition, String text) {
        if (stanza.isError() || (stanza.isIq() && !stanza.isRequest())) {
            return;
        }
        router.route(stanza.error(condition, text));
    }

    boolean serves(String domain) {
        return routes.serves(domain);
    }

    String defaultHost() {
        return defaultHost;
    }

    /** Whether a peer's certificate chain proves its domain (a trusted CA, or a listed self-signed domain). */
    boolean proves(List<X509Certificate> chain, String domain) {
        return certificates.proves(chain, domain);
    }

    /** Whether Server Dialback may authenticate peers whose certificate proves nothing. */
    boolean dialback() {
        return config.dialback();
    }

    boolean requireTls() {
        return config.requireTls();
    }

    DialbackKeys keys() {
        return keys;
    }

    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
    }
}
