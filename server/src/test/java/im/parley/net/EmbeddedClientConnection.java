package im.parley.net;

import static im.parley.testkit.RawStream.HEADER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.AbstractEventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.concurrent.Ticker;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * One client connection to a server pipeline built on Netty's {@link EmbeddedChannel}: the test
 * writes the client's bytes in and reads the server's bytes out, with no socket. After STARTTLS
 * the client's end of TLS is a second embedded channel, and the bytes go through both.
 *
 * <p>An embedded channel runs its event loop's tasks on the test's thread, from a queue only that
 * thread may touch. The server, though, writes from its sessions' own threads, which hand the
 * writes to the channel's event loop; so this channel's event loop is a hand-over: tasks from
 * other threads wait in a concurrent queue until the test's thread runs them, in order.
 */
final class EmbeddedClientConnection implements AutoCloseable {
    static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InetSocketAddress CLIENT_ADDRESS = new InetSocketAddress("127.0.0.1", 40000);

    private final ServerEnd server;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private EmbeddedChannel tlsClient;
    private int read;

    /** The server end, set up by {@code pipeline} (a listener's per-connection initializer). */
    EmbeddedClientConnection(ChannelHandler pipeline) {
        server = new ServerEnd(pipeline);
    }

    /** Writes text from the client (through TLS once it is started). */
    void send(String xml) {
        ByteBuf bytes = Unpooled.copiedBuffer(xml, StandardCharsets.UTF_8);
        if (tlsClient == null) {
            server.writeInbound(bytes);
        } else {
            tlsClient.writeOutbound(bytes);
        }
        pump();
    }

    /**
     * Waits until the server's text since the last call contains {@code expected}, and returns
     * that text (with whatever came after it so far).
     */
    String awaitReply(String expected) {
        String reply = await().pollInSameThread().pollInterval(Duration.ofMillis(2)).atMost(WAIT)
                .until(() -> {
                    pump();
                    return unread();
                }, text -> text.contains(expected));
        read += reply.getBytes(StandardCharsets.UTF_8).length;
        return reply;
    }

    /** Waits until the server has closed the connection, and returns its last text. */
    String awaitClosed() {
        await().pollInSameThread().pollInterval(Duration.ofMillis(2)).atMost(WAIT).until(() -> {
            pump();
            return !server.isOpen();
        });
        String rest = unread();
        read = received.size();
        return rest;
    }

    boolean isOpen() {
        pump();
        return server.isOpen();
    }

    /** After the server's proceed: the client's TLS handshake, trusting only {@code certificate}. */
    void startTls(X509Certificate certificate) throws SSLException {
        SslContext context = SslContextBuilder.forClient().trustManager(certificate).build();
        SslHandler handler = context.newHandler(ByteBufAllocator.DEFAULT, "localhost", 5222);
        tlsClient = new EmbeddedChannel(handler);
        await().pollInSameThread().pollInterval(Duration.ofMillis(2)).atMost(WAIT).until(() -> {
            pump();
            return handler.handshakeFuture().isDone();
        });
        if (!handler.handshakeFuture().isSuccess()) {
            throw new SSLException("TLS handshake failed", handler.handshakeFuture().cause());
        }
    }

    /** Opens a stream and starts TLS with STARTTLS, trusting only {@code certificate}; the client then opens a new stream. */
    void negotiateTls(X509Certificate certificate) throws SSLException {
        send(HEADER);
        awaitReply("</stream:features>");
        send("<starttls xmlns='" + TLS + "'/>");
        assertThat(awaitReply("/>")).contains("<proceed xmlns=\"" + TLS + "\"/>");
        startTls(certificate);
    }

    /** STARTTLS, then SASL PLAIN as {@code user}; returns the features of the authenticated stream. */
    String logIn(X509Certificate certificate, String user, String password) throws SSLException {
        negotiateTls(certificate);
        send(HEADER);
        awaitReply("</stream:features>");
        send(plain(user, password));
        assertThat(awaitReply("/>")).contains("<success");
        send(HEADER);
        return awaitReply("</stream:features>");
    }

    /** SASL PLAIN (RFC 4616): authorization identity empty, then the user name and password. */
    static String plain(String user, String password) {
        String message = "\0" + user + "\0" + password;
        return "<auth xmlns='" + SASL + "' mechanism='PLAIN'>"
                + Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8)) + "</auth>";
    }

    private String unread() {
        byte[] all = received.toByteArray();
        return new String(all, read, all.length - read, StandardCharsets.UTF_8);
    }

    /** Runs what is due on the test's thread and moves bytes between the ends until nothing moves. */
    private void pump() {
        boolean moved = true;
        while (moved) {
            server.handover.runForeignTasks();
            server.runPendingTasks();
            server.runScheduledPendingTasks();
            moved = fromServer() | toServer();
        }
    }

    private boolean fromServer() {
        boolean moved = false;
        for (ByteBuf buf; (buf = server.readOutbound()) != null; moved = true) {
            if (tlsClient == null) {
                collect(buf);
            } else {
                tlsClient.writeInbound(buf);
                for (ByteBuf plain; (plain = tlsClient.readInbound()) != null; ) {
                    collect(plain);
                }
            }
        }
        return moved;
    }

    private boolean toServer() {
        boolean moved = false;
        if (tlsClient != null) {
            for (ByteBuf buf; (buf = tlsClient.readOutbound()) != null; ) {
                if (server.isOpen()) {
                    server.writeInbound(buf);
                    moved = true;
                } else {
                    buf.release(); // e.g. the client's close_notify after the server closed
                }
            }
        }
        return moved;
    }

    private void collect(ByteBuf buf) {
        try {
            buf.readBytes(received, buf.readableBytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            buf.release();
        }
    }

    @Override
    public void close() {
        server.close();
        pump();
        server.finishAndReleaseAll();
        if (tlsClient != null) {
            tlsClient.finishAndReleaseAll();
        }
    }

    /** The embedded channel with the server's pipeline, whose event loop is the hand-over. */
    private static final class ServerEnd extends EmbeddedChannel {
        private final Handover handover = new Handover(this, Thread.currentThread());

        ServerEnd(ChannelHandler pipeline) {
            super(false, false);
            pipeline().addLast(pipeline);
            try {
                register();
            } catch (Exception e) {
                throw new IllegalStateException("cannot register the embedded channel", e);
            }
        }

        @Override
        public EventLoop eventLoop() {
            return handover;
        }

        /** The server takes its clients' addresses to be IP addresses (rate limits, logs): a loopback client. */
        @Override
        protected SocketAddress remoteAddress0() {
            return isActive() ? CLIENT_ADDRESS : null;
        }

        EventLoop embeddedLoop() {
            return super.eventLoop();
        }
    }

    /** The event loop the server sees: the embedded one for the test's thread, a queue for the others. */
    private static final class Handover extends AbstractEventExecutor implements EventLoop {
        private final ServerEnd channel;
        private final Thread owner;
        private final Queue<Runnable> foreign = new ConcurrentLinkedQueue<>();

        Handover(ServerEnd channel, Thread owner) {
            this.channel = channel;
            this.owner = owner;
        }

        private EventLoop loop() {
            return channel.embeddedLoop();
        }

        void runForeignTasks() {
            for (Runnable task; (task = foreign.poll()) != null; ) {
                task.run();
            }
        }

        @Override
        public void execute(Runnable task) {
            if (inEventLoop()) {
                loop().execute(task);
            } else {
                foreign.add(task);
            }
        }

        @Override
        public boolean inEventLoop(Thread thread) {
            return thread == owner;
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            return onOwner(() -> loop().schedule(command, delay, unit));
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            return onOwner(() -> loop().schedule(callable, delay, unit));
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period,
                TimeUnit unit) {
            return onOwner(() -> loop().scheduleAtFixedRate(command, initialDelay, period, unit));
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                TimeUnit unit) {
            return onOwner(() -> loop().scheduleWithFixedDelay(command, initialDelay, delay, unit));
        }

        /** Timers are only set from the event loop: the embedded loop's timer queue is not thread-safe. */
        private <T> T onOwner(java.util.function.Supplier<T> scheduling) {
            if (!inEventLoop()) {
                throw new UnsupportedOperationException("scheduling from outside the event loop");
            }
            return scheduling.get();
        }

        @Override
        public Ticker ticker() {
            return loop().ticker();
        }

        @Override
        public EventLoopGroup parent() {
            return this;
        }

        @Override
        public EventLoop next() {
            return this;
        }

        @Override
        public ChannelFuture register(Channel other) {
            return loop().register(other);
        }

        @Override
        public ChannelFuture register(ChannelPromise promise) {
            return loop().register(promise);
        }

        @Override
        @SuppressWarnings("deprecation")
        public ChannelFuture register(Channel other, ChannelPromise promise) {
            return loop().register(other, promise);
        }

        @Override
        public boolean isShuttingDown() {
            return loop().isShuttingDown();
        }

        @Override
        public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
            return loop().shutdownGracefully(quietPeriod, timeout, unit);
        }

        @Override
        public Future<?> terminationFuture() {
            return loop().terminationFuture();
        }

        @Override
        @SuppressWarnings("deprecation")
        public void shutdown() {
            loop().shutdown();
        }

        @Override
        public boolean isShutdown() {
            return loop().isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return loop().isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return loop().awaitTermination(timeout, unit);
        }
    }
}
