package im.parley.component;

import im.parley.net.ReadPacing;
import im.parley.net.StreamHeaders;
import im.parley.net.StreamWriter;
import im.parley.xml.Element;
import im.parley.xml.XmlLimits;
import im.parley.xml.XmlStreamException;
import im.parley.xml.XmlStreamParser;
import im.parley.xml.XmlWriter;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.StreamError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty end of one component connection: parses the bytes on the event loop into elements
 * for its {@link ComponentStream}, and writes what the stream is sent, the writes queued from
 * other threads coalesced into one flush per event-loop pass. A component that stops reading
 * while {@code maxQueuedBytes} wait for it is cut off with {@code policy-violation}, as a client is.
 */
final class ComponentConnection extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ComponentConnection.class);
    /** How long a closed stream waits for the component to close its own before the connection is dropped. */
    private static final long CLOSE_GRACE_SECONDS = 2;

    private final XmlLimits limits;
    private final Duration handshakeTimeout;
    private final int maxQueuedBytes;
    private final Function<ComponentConnection, ComponentStream> streams;
    private final Queue<ByteBuf> outbound = new ConcurrentLinkedQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();

    private Channel channel;
    private ComponentStream stream;
    private XmlStreamParser parser;
    private boolean inputFailed;
    /** Event loop only: our closing tag is out, and the component's has arrived. */
    private boolean closedOnWire;
    private boolean peerClosedStream;

    ComponentConnection(XmlLimits limits, Duration handshakeTimeout, int maxQueuedBytes,
            Function<ComponentConnection, ComponentStream> streams) {
        this.limits = limits;
        this.handshakeTimeout = handshakeTimeout;
        this.maxQueuedBytes = maxQueuedBytes;
        this.streams = streams;
    }

    // ---- inbound, on the event loop ----

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        stream = streams.apply(this);
        parser = new XmlStreamParser(limits, new XmlStreamParser.Listener() {
            @Override
            public void streamOpened(Element header, String contentNamespace) {
                // XEP-0114 §3: a namespace the server does not serve on this port is invalid-namespace.
                String invalid = StreamHeaders.invalidNamespace(header, contentNamespace, Namespaces.COMPONENT_ACCEPT);
                if (invalid != null) {
                    stream.xmlError(StreamError.INVALID_NAMESPACE, invalid);
                } else {
                    stream.streamOpened(header);
                }
            }

            @Override
            public void element(Element element) {
                stream.element(element);
            }

            @Override
            public void streamClosed() {
                peerClosedStream = true;
                if (closedOnWire) {
                    channel.close();
                }
                stream.streamClosed();
            }
        });
        ctx.executor().schedule(() -> {
            if (!stream.connected()) {
                stream.timedOut("No handshake within " + handshakeTimeout.toSeconds() + " s");
            }
        }, handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            if (!inputFailed) {
                parser.feed(buf.nioBuffer());
            }
        } catch (XmlStreamException e) {
            inputFailed = true;
            stream.xmlError(StreamError.fromElementName(e.condition()), e.getMessage());
        } finally {
            buf.release();
        }
        ReadPacing.afterRead(channel, stream::backlog);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing.set(true);
        stream.disconnected();
        releaseQueued();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Component connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    // ---- outbound, from any thread ----

    /** Opens the server's side of the stream (XEP-0114 §3: no version, so no stream features). */
    void openStream(String from, String id) {
        StringBuilder sb = new StringBuilder(200);
        sb.append("<?xml version='1.0'?><stream:stream xmlns='").append(Namespaces.COMPONENT_ACCEPT)
                .append("' xmlns:stream='").append(Namespaces.STREAMS).append("' id='");
        XmlWriter.escapeAttribute(id, sb);
        if (from != null) {
            sb.append("' from='");
            XmlWriter.escapeAttribute(from, sb);
        }
        sb.append("'>");
        enqueue(sb.toString());
    }

    /**
     * Queues an element in the stream's content namespace; false when the stream is closing, or
     * when the component lets more than the cap wait (then the stream is failing).
     */
    boolean send(Element element) {
        if (closing.get()) {
            return false;
        }
        ChannelOutboundBuffer inChannel = channel.unsafe().outboundBuffer();
        long waiting = queued.get() + (inChannel == null ? 0 : inChannel.totalPendingWriteBytes());
        if (waiting > maxQueuedBytes) {
            if (closing.compareAndSet(false, true)) {
                stream.outboundFull(maxQueuedBytes);
            }
            return false;
        }
        return enqueue(StreamWriter.toXml(element, Namespaces.COMPONENT_ACCEPT));
    }

    private boolean enqueue(String xml) {
        ByteBuf buf = ByteBufUtil.writeUtf8(channel.alloc(), xml);
        queued.addAndGet(buf.readableBytes());
        outbound.add(buf);
        if (flushScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(this::writeQueued);
        }
        return true;
    }

    /** Event loop: moves what is queued into the channel with one flush. */
    private void writeQueued() {
        flushScheduled.set(false);
        if (!channel.isActive() || closedOnWire) {
            releaseQueued();
            return;
        }
        ByteBuf next;
        boolean wrote = false;
        while ((next = outbound.poll()) != null) {
            queued.addAndGet(-next.readableBytes());
            channel.write(next, channel.voidPromise());
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    private void releaseQueued() {
        ByteBuf next;
        while ((next = outbound.poll()) != null) {
            queued.addAndGet(-next.readableBytes());
            next.release();
        }
    }

    /**
     * Writes what was queued, then {@code error} (or nothing) and the closing tag; the connection
     * ends when the component has closed its stream too (RFC 6120 §4.4), or after a short grace.
     */
    void closeStream(Element error) {
        String xml = (error == null ? "" : StreamWriter.toXml(error, Namespaces.COMPONENT_ACCEPT)) + "</stream:stream>";
        closing.set(true);
        if (!channel.isOpen()) {
            return;
        }
        channel.eventLoop().execute(() -> {
            writeQueued();
            closedOnWire = true;
            var written = channel.writeAndFlush(ByteBufUtil.writeUtf8(channel.alloc(), xml));
            if (peerClosedStream) {
                written.addListener(ChannelFutureListener.CLOSE);
            } else {
                channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
            }
        });
    }

    InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }
}
