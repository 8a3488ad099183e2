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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
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

    /** Sends a domain pair's stanzas; false when it is gone (the caller then opens another). */
    interface PairStream {
        boolean offer(Stanza stanza);
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
    /** Each pair's way out: our own outgoing stream, or the peer's stream for the reverse pair where it is bidirectional. */
    private final Map<DomainPair, PairStream> outgoing = new ConcurrentHashMap<>();
    private final PeerLimits peerLimits;
    /**
     * Verification streams per authoritative domain: a legitimate peer asks for one per pair and
     * stream, so four at once and 64 waiting leave it room, and cap what a flood can make us open.
     */
    private final Verifications verifications = new Verifications(4, 64);
    private Channel serverChannel;
    /** The direct TLS listener (XEP-0368), or null. */
    private Channel directTlsChannel;

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
        this.peerLimits = new PeerLimits(config.maxStreamsPerDomain(), config.stanzasPerSecond());
        this.resolver = new PeerResolver(config.routes(), config.dnsServers(), S2sConfig.DEFAULT_PORT);
        try {
            this.certificates = new PeerCertificates(config.caCertificates(), config.selfSignedDomains());
        } catch (IOException e) {
            throw new ConfigException("s2s.ca-certificates: " + e.getMessage(), e);
        }
    }

    /** Opens the listener for peers' streams (and the direct TLS one, if configured); returns the bound address. */
    public InetSocketAddress bind() throws InterruptedException {
        serverChannel = listen(config.port(), null);
        if (config.directTlsEnabled()) {
            directTlsChannel = listen(config.directTlsPort(), tls::newServerToServerDirectAcceptHandler);
        }
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** The bound direct TLS address, or null when there is no such listener. */
    public InetSocketAddress directTlsAddress() {
        return directTlsChannel == null ? null : (InetSocketAddress) directTlsChannel.localAddress();
    }

    private Channel listen(int port, Function<ByteBufAllocator, SslHandler> directTls) throws InterruptedException {
        ServerBootstrap bootstrap = loops.serverBootstrap()
                .childHandler(pipeline(() -> new IncomingStream(this), directTls));
        return bootstrap.bind(config.bindAddress(), port).sync().channel();
    }

    /** A connection's pipeline; with {@code directTls}, TLS from the first byte (XEP-0368), else STARTTLS later. */
    private ChannelInitializer<Channel> pipeline(Supplier<ServerStream> stream,
            Function<ByteBufAllocator, SslHandler> directTls) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (directTls != null) {
                    ch.pipeline().addLast("tls", directTls.apply(ch.alloc()));
                }
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
        if (blocked(stanza.to().domain())) {
            // RFC 6120 §8.3.3.9: not-allowed, "sending to entities at a blacklisted domain".
            log.info("Not sending {} from {} to {}: the domain is blocked", stanza.kind(), stanza.from(), stanza.to());
            bounce(stanza, StanzaError.NOT_ALLOWED, stanza.to().domain() + " is blocked here");
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
     * to {@code receiving} with this id (XEP-0220 §2.1.2), over a stream of its own, when
     * {@link #verifications} allow; fails with {@link RejectedExecutionException} when they do not.
     */
    CompletableFuture<Boolean> verify(String receiving, String originating, String streamId, String key) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        boolean admitted = verifications.submit(originating, () -> {
            start(new OutgoingStream(this, receiving, originating, new OutgoingStream.Verify(streamId, key, answer)));
            return answer;
        });
        if (!admitted) {
            answer.completeExceptionally(new RejectedExecutionException(
                    "too many verifications of " + originating + " under way"));
        }
        return answer;
    }

    ChannelFuture connect(PeerResolver.PeerAddress address, OutgoingStream stream) {
        InetSocketAddress socket = address.socket();
        return loops.bootstrap()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .handler(pipeline(() -> stream, !address.directTls() ? null
                        : allocator -> tls.newServerToServerDirectHandler(allocator, stream.remote(), socket.getPort())))
                .connect(socket);
    }

    /** A pair's stream that failed or closed: the next stanza for the pair opens another. */
    void gone(String local, String remote, PairStream stream) {
        outgoing.remove(new DomainPair(local, remote), stream);
    }

    /**
     * XEP-0288: a peer authenticated on a bidirectional stream may be sent the stanzas of the
     * reverse pair on it, unless the pair has a stream already.
     */
    void bidirectional(String local, String remote, PairStream stream) {
        outgoing.putIfAbsent(new DomainPair(local, remote), stream);
    }

    /** Whether streams are made bidirectional (XEP-0288) where the peer agrees. */
    boolean bidi() {
        return config.bidi();
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

    /** Whether {@code s2s.blocked-domains} names the domain or one it is a subdomain of. */
    boolean blocked(String domain) {
        for (String listed : config.blockedDomains()) {
            if (domain.equals(listed) || isSubdomain(domain, listed)) {
                return true;
            }
        }
        return false;
    }

    /** {@code domain} ends with "." + {@code parent} (checked per stanza: without building that string). */
    private static boolean isSubdomain(String domain, String parent) {
        int dot = domain.length() - parent.length() - 1;
        return dot > 0 && domain.charAt(dot) == '.' && domain.endsWith(parent);
    }

    PeerLimits peerLimits() {
        return peerLimits;
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
        if (directTlsChannel != null) {
            directTlsChannel.close().syncUninterruptibly();
        }
    }
}
