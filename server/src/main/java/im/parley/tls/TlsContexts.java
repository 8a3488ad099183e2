package im.parley.tls;

import im.parley.config.TlsImplementation;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The server's TLS configurations for client connections, built once at start-up and shared by
 * all channels: one for STARTTLS (RFC 6120 §5) on the plain port and one for direct TLS
 * (XEP-0368) on the TLS port.
 *
 * <p>Callers only ask for {@link SslHandler}s, so the TLS implementation (the JDK's, or OpenSSL
 * through netty-tcnative, which needs less memory and CPU per connection) is chosen here and
 * nowhere else.
 */
public final class TlsContexts implements AutoCloseable {
    /** Older versions are deprecated by RFC 8996. */
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** The ALPN protocol id XEP-0368 registers for client-to-server streams. */
    public static final String ALPN_XMPP_CLIENT = "xmpp-client";
    /** The ALPN protocol id XEP-0368 registers for server-to-server streams. */
    public static final String ALPN_XMPP_SERVER = "xmpp-server";

    private final SslProvider provider;
    private final SslContext startTls;
    private final SslContext directTls;
    private final SslContext serverToServer;
    private final SslContext serverToServerAccept;
    private final SslContext serverToServerDirect;
    private final SslContext serverToServerDirectAccept;

    /**
     * @throws SSLException also when OpenSSL is asked for explicitly and its native library
     *     cannot be loaded here
     */
    public TlsContexts(ServerCertificate certificate, TlsImplementation implementation) throws SSLException {
        this.provider = provider(implementation);
        this.startTls = builder(certificate, provider).startTls(true).build();
        this.directTls = builder(certificate, provider).applicationProtocolConfig(alpn(ALPN_XMPP_CLIENT)).build();
        this.serverToServer = serverToServerBuilder(certificate, provider).build();
        this.serverToServerDirect = serverToServerBuilder(certificate, provider)
                .applicationProtocolConfig(alpn(ALPN_XMPP_SERVER)).build();
        this.serverToServerAccept = serverToServerAcceptBuilder(certificate, provider).startTls(true).build();
        this.serverToServerDirectAccept = serverToServerAcceptBuilder(certificate, provider)
                .applicationProtocolConfig(alpn(ALPN_XMPP_SERVER)).build();
    }

    /**
     * The client side of an outgoing server-to-server stream, which judges the peer's certificate
     * itself after the handshake (PeerCertificates): a self-signed one is fine where dialback
     * authenticates. Ours is offered for SASL EXTERNAL.
     */
    private static SslContextBuilder serverToServerBuilder(ServerCertificate certificate, SslProvider provider) {
        return SslContextBuilder.forClient()
                .keyManager(certificate.privateKey(), certificate.chain())
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .sslProvider(provider)
                .protocols(PROTOCOLS);
    }

    /**
     * The receiving side of a server-to-server stream asks for the peer's certificate (SASL
     * EXTERNAL, XEP-0178) and judges it itself after the handshake (PeerCertificates).
     */
    private static SslContextBuilder serverToServerAcceptBuilder(ServerCertificate certificate, SslProvider provider) {
        return builder(certificate, provider)
                .clientAuth(ClientAuth.OPTIONAL)
                .trustManager(InsecureTrustManagerFactory.INSTANCE);
    }

    /** "OpenSSL" or "JDK", for the start-up log. */
    public String implementationName() {
        return provider == SslProvider.JDK ? "JDK" : "OpenSSL";
    }

    /**
     * A handler for a plain connection upgraded by STARTTLS. Add it at the front of the pipeline
     * before writing {@code <proceed/>}: that first write still goes out unencrypted, as the
     * client reads it before starting its handshake; everything after is protected.
     */
    public SslHandler newStartTlsHandler(ByteBufAllocator allocator) {
        return startTls.newHandler(allocator);
    }

    /** A handler for a connection to the direct TLS port: the handshake comes first. */
    public SslHandler newDirectTlsHandler(ByteBufAllocator allocator) {
        return directTls.newHandler(allocator);
    }

    /**
     * A handler for the client side of an outgoing server-to-server stream upgraded by STARTTLS,
     * naming {@code peerDomain} in its server name indication: as a DNS name (A-labels), since the
     * indication is ASCII (RFC 6066 §3) and the JDK's TLS would send a U-label's UTF-8 bytes.
     */
    public SslHandler newServerToServerHandler(ByteBufAllocator allocator, String peerDomain, int port) {
        return serverToServer.newHandler(allocator, ServerCertificate.dnsName(peerDomain), port);
    }

    /**
     * A handler for the client side of an outgoing server-to-server stream on a direct TLS port
     * (XEP-0368): as {@link #newServerToServerHandler}, offering ALPN "xmpp-server".
     */
    public SslHandler newServerToServerDirectHandler(ByteBufAllocator allocator, String peerDomain, int port) {
        return serverToServerDirect.newHandler(allocator, ServerCertificate.dnsName(peerDomain), port);
    }

    /** A handler for the receiving side of a server-to-server stream upgraded by STARTTLS, asking for the peer's certificate. */
    public SslHandler newServerToServerAcceptHandler(ByteBufAllocator allocator) {
        return serverToServerAccept.newHandler(allocator);
    }

    /**
     * A handler for the receiving side of a server-to-server stream on the direct TLS port
     * (XEP-0368): the handshake comes first, the peer's certificate asked for as with STARTTLS,
     * and "xmpp-server" selected when the peer offers it by ALPN.
     */
    public SslHandler newServerToServerDirectAcceptHandler(ByteBufAllocator allocator) {
        return serverToServerDirectAccept.newHandler(allocator);
    }

    /** Frees OpenSSL's native contexts once every connection's engine has let go of them. */
    @Override
    public void close() {
        ReferenceCountUtil.release(startTls);
        ReferenceCountUtil.release(directTls);
        ReferenceCountUtil.release(serverToServer);
        ReferenceCountUtil.release(serverToServerAccept);
        ReferenceCountUtil.release(serverToServerDirect);
        ReferenceCountUtil.release(serverToServerDirectAccept);
    }

    /**
     * The reference-counted OpenSSL flavour: an {@link SslHandler} frees its engine's native
     * memory when its channel closes, instead of leaving it to the garbage collector.
     */
    private static SslProvider provider(TlsImplementation implementation) throws SSLException {
        boolean openSsl = OpenSsl.isAvailable();
        return switch (implementation) {
            case AUTO -> openSsl ? SslProvider.OPENSSL_REFCNT : SslProvider.JDK;
            case JDK -> SslProvider.JDK;
            case OPENSSL -> {
                if (!openSsl) {
                    throw new SSLException("tls.implementation is openssl but OpenSSL cannot be loaded here",
                            OpenSsl.unavailabilityCause());
                }
                yield SslProvider.OPENSSL_REFCNT;
            }
        };
    }

    private static SslContextBuilder builder(ServerCertificate certificate, SslProvider provider) {
        return SslContextBuilder.forServer(certificate.privateKey(), certificate.chain())
                .sslProvider(provider)
                .protocols(PROTOCOLS);
    }

    /**
     * Offers {@code protocol} (client side) or selects it when the peer offers it (server side). A
     * peer offering no ALPN, or only other protocols, still gets its handshake with no protocol
     * selected: these ports serve nothing but XMPP, and NO_ADVERTISE and ACCEPT are the lenient
     * behaviours both the JDK and the OpenSSL providers implement.
     */
    private static ApplicationProtocolConfig alpn(String protocol) {
        return new ApplicationProtocolConfig(Protocol.ALPN, SelectorFailureBehavior.NO_ADVERTISE,
                SelectedListenerFailureBehavior.ACCEPT, protocol);
    }
}
