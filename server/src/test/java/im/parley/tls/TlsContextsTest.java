package im.parley.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.FixedLengthFrameDecoder;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import im.parley.config.TlsImplementation;
import io.netty.handler.ssl.OpenSsl;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real handshakes over loopback: a Netty server with {@link TlsContexts}, a JDK client. Every
 * behaviour a client can see is checked with both TLS implementations.
 */
class TlsContextsTest {
    private static final int TIMEOUT_MILLIS = 10_000;

    @TempDir
    static Path dataDir;
    private static ServerCertificate certificate;
    private static final Map<TlsImplementation, TlsContexts> ALL = new EnumMap<>(TlsImplementation.class);
    private static SSLContext client;

    private TlsContexts contexts;

    private final CompletableFuture<SslHandlerTlsInfo> serverInfo = new CompletableFuture<>();
    private TlsTestServer server;

    @BeforeAll
    static void setUp() throws Exception {
        certificate = ServerCertificate.obtain(List.of("localhost"), dataDir, null, null);
        ALL.put(TlsImplementation.JDK, new TlsContexts(certificate, TlsImplementation.JDK));
        ALL.put(TlsImplementation.OPENSSL, new TlsContexts(certificate, TlsImplementation.OPENSSL));
        client = clientTrusting(certificate);
    }

    @AfterAll
    static void closeContexts() {
        ALL.values().forEach(TlsContexts::close);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsImplementation.class, names = {"JDK", "OPENSSL"})
    void directTlsOnTls13SelectsXmppClientAndOffersServerEndPoint(TlsImplementation implementation) throws Exception {
        contexts = ALL.get(implementation);
        startDirectTlsServer();
        try (SSLSocket socket = connect("TLSv1.3", "xmpp-client")) {
            SslHandlerTlsInfo info = serverInfo.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);

            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(socket.getApplicationProtocol()).isEqualTo("xmpp-client");
            assertThat(info.secure()).isTrue();
            assertThat(info.channelBindingData("tls-server-end-point")).isEqualTo(sha256OfCertificate());
        }
    }

    @Test
    void withTheJdkTlsExporterIsPreferredAndEqualOnBothSidesOfATls13Connection() throws Exception {
        contexts = ALL.get(TlsImplementation.JDK);
        Method exporter = keyingMaterialExporter();
        assumeTrue(exporter != null, "JDK without ExtendedSSLSession#exportKeyingMaterialData");
        startDirectTlsServer();
        try (SSLSocket socket = connect("TLSv1.3", "xmpp-client")) {
            SslHandlerTlsInfo info = serverInfo.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            byte[] clientSide = (byte[]) exporter.invoke(
                    socket.getSession(), "EXPORTER-Channel-Binding", new byte[0], 32);

            assertThat(info.channelBindingTypes()).containsExactly("tls-exporter", "tls-server-end-point");
            assertThat(info.channelBindingData("tls-exporter")).hasSize(32).isEqualTo(clientSide);
        }
    }

    @Test
    void withOpenSslOnlyServerEndPointIsOfferedBecauseTcnativeCannotExportKeyingMaterial() throws Exception {
        contexts = ALL.get(TlsImplementation.OPENSSL);
        startDirectTlsServer();
        try (SSLSocket socket = connect("TLSv1.3", "xmpp-client")) {
            SslHandlerTlsInfo info = serverInfo.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);

            assertThat(info.channelBindingTypes()).containsExactly("tls-server-end-point");
        }
    }

    /** XEP-0368 §3: a server's direct TLS stream to another offers "xmpp-server", which the other selects. */
    @ParameterizedTest
    @EnumSource(value = TlsImplementation.class, names = {"JDK", "OPENSSL"})
    void serverToServerDirectTlsOffersAndSelectsXmppServer(TlsImplementation implementation) throws Exception {
        contexts = ALL.get(implementation);
        startServerToServerDirectTlsServer();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            SslHandler handler = contexts.newServerToServerDirectHandler(ByteBufAllocator.DEFAULT, "localhost", server.port());
            new Bootstrap().group(group).channel(NioSocketChannel.class).handler(handler)
                    .connect(InetAddress.getLoopbackAddress(), server.port()).sync();
            handler.handshakeFuture().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);

            assertThat(handler.applicationProtocol()).isEqualTo("xmpp-server");
            assertThat(serverInfo.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).secure()).isTrue();
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** RFC 6066 §3: the server name indication is ASCII, so an internationalized peer is named by its A-labels. */
    @ParameterizedTest
    @EnumSource(value = TlsImplementation.class, names = {"JDK", "OPENSSL"})
    void serverToServerStreamsIndicateAnInternationalizedPeerByItsALabels(TlsImplementation implementation)
            throws Exception {
        contexts = ALL.get(implementation);
        BlockingQueue<String> indicated = new LinkedBlockingQueue<>();
        server = new TlsTestServer(channel -> channel.pipeline().addLast(new AbstractSniHandler<String>() {
            @Override
            protected Future<String> lookup(ChannelHandlerContext ctx, String hostname) {
                return ctx.executor().newSucceededFuture(hostname);
            }

            @Override
            protected void onLookupComplete(ChannelHandlerContext ctx, String hostname, Future<String> future) {
                indicated.add(hostname);
                ctx.close();
            }
        }));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            for (boolean direct : new boolean[] {false, true}) {
                SslHandler handler = direct
                        ? contexts.newServerToServerDirectHandler(ByteBufAllocator.DEFAULT, "bücher.example", server.port())
                        : contexts.newServerToServerHandler(ByteBufAllocator.DEFAULT, "bücher.example", server.port());
                new Bootstrap().group(group).channel(NioSocketChannel.class).handler(handler)
                        .connect(InetAddress.getLoopbackAddress(), server.port()).sync();
                assertThat(indicated.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).as(direct ? "direct TLS" : "STARTTLS")
                        .isEqualTo("xn--bcher-kva.example");
            }
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Another TLS stack's peer (the JDK's) gets "xmpp-server" too; one offering none still gets its handshake. */
    @ParameterizedTest
    @EnumSource(value = TlsImplementation.class, names = {"JDK", "OPENSSL"})
    void serverToServerDirectTlsSelectsXmppServerForAPeerOfferingIt(TlsImplementation implementation) throws Exception {
        contexts = ALL.get(implementation);
        startServerToServerDirectTlsServer();
        try (SSLSocket socket = connect("TLSv1.3", "xmpp-client", "xmpp-server")) {
            assertThat(socket.getApplicationProtocol()).isEqualTo("xmpp-server");
        }
        try (SSLSocket socket = connect("TLSv1.3")) {
            assertThat(socket.getApplicationProtocol()).isEmpty();
        }
    }

    @Test
    void autoChoosesOpenSslWhereItLoads() throws Exception {
        assumeTrue(OpenSsl.isAvailable(), "no netty-tcnative for this platform");
        try (TlsContexts auto = new TlsContexts(certificate, TlsImplementation.AUTO)) {
            assertThat(auto.implementationName()).isEqualTo("OpenSSL");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsImplementation.class, names = {"JDK", "OPENSSL"})
    void directTlsOnTls12WithoutAlpnOffersOnlyServerEndPoint(TlsImplementation implementation) throws Exception {
        contexts = ALL.get(implementation);
        startDirectTlsServer();
        try (SSLSocket socket = connect("TLSv1.2")) {
            SslHandlerTlsInfo info = serverInfo.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);

            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(socket.getApplicationProtocol()).isEmpty();
            assertThat(info.secure()).isTrue();
            assertThat(info.channelBindingTypes()).containsExactly("tls-server-end-point");
            assertThat(info.channelBindingData("tls-server-end-point")).isEqualTo(sha256OfCertificate());
            assertThat(info.channelBindingData("tls-exporter")).as("RFC 9266 defines it for TLS 1.3 only").isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsImplementation.class, names = {"JDK", "OPENSSL"})
    void directTlsAcceptsAClientOfferingOnlyOtherProtocolsWithoutSelectingOne(TlsImplementation implementation) throws Exception {
        contexts = ALL.get(implementation);
        startDirectTlsServer();
        try (SSLSocket socket = connect("TLSv1.3", "h2")) {
            assertThat(serverInfo.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).secure()).isTrue();
            assertThat(socket.getApplicationProtocol()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsImplementation.class, names = {"JDK", "OPENSSL"})
    void enablesOnlyTls13AndTls12(TlsImplementation implementation) throws Exception {
        contexts = ALL.get(implementation);
        for (SslHandler handler : new SslHandler[] {
            contexts.newDirectTlsHandler(ByteBufAllocator.DEFAULT), contexts.newStartTlsHandler(ByteBufAllocator.DEFAULT)
        }) {
            // Netty's OpenSSL engine also lists "SSLv2Hello": a ClientHello format, not a protocol version.
            assertThat(handler.engine().getEnabledProtocols()).filteredOn(p -> !p.equals("SSLv2Hello"))
                    .containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
            ReferenceCountUtil.release(handler.engine());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsImplementation.class, names = {"JDK", "OPENSSL"})
    void answersATls11ClientHelloWithAProtocolVersionAlert(TlsImplementation implementation) throws Exception {
        contexts = ALL.get(implementation);
        startDirectTlsServer();
        assertThat(firstRecordAnswering(clientHello(0x0302)))
                .as("alert record, fatal, protocol_version(70)")
                .startsWith(0x15).endsWith(0x02, 70);
    }

    @ParameterizedTest
    @EnumSource(value = TlsImplementation.class, names = {"JDK", "OPENSSL"})
    void answersTheSameClientHelloWithTls12ByAServerHello(TlsImplementation implementation) throws Exception {
        contexts = ALL.get(implementation);
        startDirectTlsServer();
        assertThat(firstRecordAnswering(clientHello(0x0303))[0]).as("handshake record").isEqualTo((byte) 0x16);
    }

    @ParameterizedTest
    @EnumSource(value = TlsImplementation.class, names = {"JDK", "OPENSSL"})
    void startTlsSendsProceedInClearThenHandshakes(TlsImplementation implementation) throws Exception {
        contexts = ALL.get(implementation);
        startStartTlsServer();
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            plain.setSoTimeout(TIMEOUT_MILLIS);
            plain.getOutputStream().write("<starttls/>".getBytes(US_ASCII));
            assertThat(new String(plain.getInputStream().readNBytes(10), US_ASCII)).isEqualTo("<proceed/>");

            try (SSLSocket tls = (SSLSocket) client.getSocketFactory()
                    .createSocket(plain, "localhost", server.port(), true)) {
                tls.startHandshake();

                assertThat(serverInfo.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).secure()).isTrue();
                assertThat(tls.getSession().getProtocol()).isEqualTo("TLSv1.3");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsImplementation.class, names = {"JDK", "OPENSSL"})
    void isNotSecureAndOffersNoBindingBeforeTheHandshake(TlsImplementation implementation) throws Exception {
        contexts = ALL.get(implementation);
        SslHandler handler = contexts.newStartTlsHandler(ByteBufAllocator.DEFAULT);
        SslHandlerTlsInfo info = new SslHandlerTlsInfo(handler);

        assertThat(info.secure()).isFalse();
        assertThat(info.channelBindingTypes()).isEmpty();
        ReferenceCountUtil.release(handler.engine());
    }

    private void startDirectTlsServer() throws InterruptedException {
        server = new TlsTestServer(channel -> {
            SslHandler handler = contexts.newDirectTlsHandler(channel.alloc());
            channel.pipeline().addLast(handler);
            reportHandshake(handler);
        });
    }

    private void startServerToServerDirectTlsServer() throws InterruptedException {
        server = new TlsTestServer(channel -> {
            SslHandler handler = contexts.newServerToServerDirectAcceptHandler(channel.alloc());
            channel.pipeline().addLast(handler);
            reportHandshake(handler);
        });
    }

    /** Answers "<starttls/>" with "<proceed/>" through a freshly added STARTTLS handler. */
    private void startStartTlsServer() throws InterruptedException {
        server = new TlsTestServer(channel -> channel.pipeline()
                .addLast(new FixedLengthFrameDecoder("<starttls/>".length()))
                .addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object message) {
                        ((ByteBuf) message).release();
                        SslHandler handler = contexts.newStartTlsHandler(ctx.alloc());
                        ctx.pipeline().addFirst(handler);
                        reportHandshake(handler);
                        ctx.writeAndFlush(Unpooled.copiedBuffer("<proceed/>", US_ASCII));
                    }
                }));
    }

    private void reportHandshake(SslHandler handler) {
        handler.handshakeFuture().addListener(done -> {
            if (done.isSuccess()) {
                serverInfo.complete(new SslHandlerTlsInfo(handler));
            } else {
                serverInfo.completeExceptionally(done.cause());
            }
        });
    }

    private SSLSocket connect(String protocol, String... applicationProtocols) throws IOException {
        SSLSocket socket = (SSLSocket) client.getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(TIMEOUT_MILLIS);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(new String[] {protocol});
        parameters.setApplicationProtocols(applicationProtocols);
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private byte[] firstRecordAnswering(byte[] clientHello) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.getOutputStream().write(clientHello);
            InputStream in = socket.getInputStream();
            byte[] header = in.readNBytes(5);
            int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
            byte[] record = Arrays.copyOf(header, 5 + length);
            new DataInputStream(in).readFully(record, 5, length);
            return record;
        }
    }

    /**
     * A minimal ClientHello (RFC 5246 §7.4.1.2) offering ECDHE-ECDSA suites with the
     * extensions a TLS 1.2 server needs for them; only the version differs between callers.
     */
    private static byte[] clientHello(int version) throws IOException {
        byte[] extensions = concat(
                extension(0x000a, 0x00, 0x02, 0x00, 0x17), // supported_groups: secp256r1
                extension(0x000b, 0x01, 0x00), // ec_point_formats: uncompressed
                extension(0x000d, 0x00, 0x02, 0x04, 0x03)); // signature_algorithms: ecdsa_secp256r1_sha256
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        out.writeShort(version);
        out.write(new byte[32]); // random
        out.writeByte(0); // no session id
        out.writeShort(4);
        out.writeShort(0xc02b); // TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
        out.writeShort(0xc009); // TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA
        out.write(new byte[] {1, 0}); // compression: null
        out.writeShort(extensions.length);
        out.write(extensions);
        byte[] handshake = concat(new byte[] {1, 0, (byte) (body.size() >> 8), (byte) body.size()}, body.toByteArray());
        return concat(new byte[] {0x16, 3, 1, (byte) (handshake.length >> 8), (byte) handshake.length}, handshake);
    }

    private static byte[] extension(int type, int... data) {
        byte[] bytes = new byte[4 + data.length];
        bytes[0] = (byte) (type >> 8);
        bytes[1] = (byte) type;
        bytes[3] = (byte) data.length;
        for (int i = 0; i < data.length; i++) {
            bytes[4 + i] = (byte) data[i];
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    private static byte[] sha256OfCertificate() throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(certificate.leaf().getEncoded());
    }

    private static Method keyingMaterialExporter() {
        try {
            return ExtendedSSLSession.class.getMethod(
                    "exportKeyingMaterialData", String.class, byte[].class, int.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static SSLContext clientTrusting(ServerCertificate trusted) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("server", trusted.leaf());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
