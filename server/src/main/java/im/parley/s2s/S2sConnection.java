package im.parley.s2s;

import im.parley.net.StreamWriter;
import im.parley.tls.TlsContexts;
import im.parley.xml.Element;
import im.parley.xml.XmlLimits;
import im.parley.xml.XmlStreamException;
import im.parley.xml.XmlStreamParser;
import im.parley.xml.XmlWriter;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.StreamError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty end of one server-to-server connection, either direction: parses the bytes on the
 * event loop into the header, elements and close of a {@code jabber:server} stream for its
 * {@link Handler}, and writes what it is sent in call order (every write is a task on the event
 * loop, so a write from the loop cannot overtake one queued before it from another thread).
 */
final class S2sConnection extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(S2sConnection.class);
    /** The content namespace of server-to-server streams (RFC 6120 §4.8.3). */
    static final String SERVER = "jabber:server";
    /** XEP-0220's namespace, declared on every stream header with the {@code db} prefix. */
    static final String DIALBACK = "jabber:server:dialback";
    /** How long a closed stream waits for the peer to close its own before the connection is dropped. */
    private static final long CLOSE_GRACE_SECONDS = 5;

    /** What happens on the stream; called on the event loop. */
    interface Handler {
        void connected(S2sConnection connection);

        void streamOpened(Element header);

        void element(Element element);

        /** The peer closed its stream, or its connection ended. */
        void closed();

        /** No traffic either way for the idle timeout. */
        void idle();
    }

    private final TlsContexts tls;
    private final XmlLimits limits;
    private final Handler handler;
    private Channel channel;
    private XmlStreamParser parser;
    private boolean inputFailed;
    private boolean closing;
    private boolean peerClosed;

    S2sConnection(TlsContexts tls, XmlLimits limits, Handler handler) {
        this.tls = tls;
        this.limits = limits;
        this.handler = handler;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        parser = newParser();
        handler.connected(this);
        ctx.fireChannelActive();
    }

    private XmlStreamParser newParser() {
        return new XmlStreamParser(limits, new XmlStreamParser.Listener() {
            @Override
            public void streamOpened(Element header, String contentNamespace) {
                if (!header.is("stream", Namespaces.STREAMS) || !SERVER.equals(contentNamespace)) {
                    inputFailed = true;
                    fail(StreamError.INVALID_NAMESPACE, "A server stream is a stream:stream in " + SERVER);
                } else {
                    handler.streamOpened(header);
                }
            }

            @Override
            public void element(Element element) {
                handler.element(element);
            }

            @Override
            public void streamClosed() {
                peerClosed = true;
                handler.closed();
                closeStream(null);
            }
        });
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
            fail(StreamError.fromElementName(e.condition()), e.getMessage());
        } finally {
            buf.release();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            handler.idle();
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!peerClosed) {
            peerClosed = true;
            handler.closed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Server connection with {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    /** Answers bad input with a stream error; the stream ends (RFC 6120 §4.9). */
    void fail(StreamError condition, String text) {
        log.info("Server stream with {} failed: {} ({})", remoteAddress(), condition.elementName(), text);
        closeStream(condition.toElement(text));
    }

    /**
     * Writes the stream header (RFC 6120 §4.7.1), declaring the dialback namespace (XEP-0220 §2.3.1).
     *
     * @param to the peer's domain, or null when unknown
     * @param id the stream id (the receiving side's), or null on the initiating side
     */
    void openStream(String from, String to, String id) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<?xml version='1.0'?><stream:stream xmlns='").append(SERVER).append("' xmlns:stream='")
                .append(Namespaces.STREAMS).append("' xmlns:db='").append(DIALBACK).append("' from='");
        XmlWriter.escapeAttribute(from, sb);
        if (to != null) {
            sb.append("' to='");
            XmlWriter.escapeAttribute(to, sb);
        }
        if (id != null) {
            sb.append("' id='");
            XmlWriter.escapeAttribute(id, sb);
        }
        sb.append("' version='1.0'>");
        write(sb.toString());
    }

    /** Queues an element (a stanza in the neutral namespace is written in {@code jabber:server}). */
    void send(Element element) {
        write(DIALBACK.equals(element.namespace()) ? dialbackXml(element) : StreamWriter.toXml(element, SERVER));
    }

    /**
     * A XEP-0220 element with the {@code db} prefix the header declares, its children in the
     * stream's content namespace (a dialback error's {@code <error/>}): servers that match the
     * prefixed name literally (ejabberd) know it only so.
     */
    private static String dialbackXml(Element element) {
        StringBuilder sb = new StringBuilder(160).append("<db:").append(element.name());
        for (int i = 0; i < element.attributeCount(); i++) {
            sb.append(' ').append(element.attributeName(i)).append("='");
            XmlWriter.escapeAttribute(element.attributeValue(i), sb);
            sb.append('\'');
        }
        sb.append('>');
        for (Object child : element.children()) {
            if (child instanceof Element e) {
                XmlWriter.write(e, SERVER, SERVER, sb);
            } else {
                XmlWriter.escapeText((String) child, sb);
            }
        }
        return sb.append("</db:").append(element.name()).append('>').toString();
    }

    private void write(String xml) {
        channel.eventLoop().execute(() -> {
            if (!closing) {
                channel.writeAndFlush(ByteBufUtil.writeUtf8(channel.alloc(), xml), channel.voidPromise());
            }
        });
    }

    /** Receiving side: writes {@code <proceed/>} in the clear, then waits for the peer's TLS handshake. */
    void startTlsAsServer(Element proceed) {
        String xml = StreamWriter.toXml(proceed, SERVER);
        channel.eventLoop().execute(() -> {
            channel.pipeline().addFirst("tls", tls.newServerToServerAcceptHandler(channel.alloc()));
            parser = newParser();
            channel.writeAndFlush(ByteBufUtil.writeUtf8(channel.alloc(), xml));
        });
    }

    /**
     * Initiating side, on the event loop after {@code <proceed/>}: starts the TLS handshake, then
     * the new stream (RFC 6120 §5.4.3.3); the handler buffers the header until the handshake is done.
     */
    void startTlsAsClient(String peerDomain, String from) {
        InetSocketAddress peer = remoteAddress();
        channel.pipeline().addFirst("tls", tls.newServerToServerHandler(channel.alloc(), peerDomain, peer.getPort()));
        restartAsClient(peerDomain, from);
    }

    /** Receiving side, after SASL: writes {@code <success/>}; the peer's next bytes start a new stream (RFC 6120 §6.4.6). */
    void restartAsServer(Element success) {
        String xml = StreamWriter.toXml(success, SERVER);
        channel.eventLoop().execute(() -> {
            parser = newParser();
            channel.writeAndFlush(ByteBufUtil.writeUtf8(channel.alloc(), xml), channel.voidPromise());
        });
    }

    /** Initiating side, on the event loop after {@code <success/>}: the new stream. */
    void restartAsClient(String peerDomain, String from) {
        parser = newParser();
        openStream(from, peerDomain, null);
    }

    /** The certificate chain the peer presented in the TLS handshake (leaf first); empty without one. */
    List<X509Certificate> peerCertificates() {
        SslHandler handler = channel.pipeline().get(SslHandler.class);
        if (handler == null) {
            return List.of();
        }
        try {
            return Arrays.stream(handler.engine().getSession().getPeerCertificates())
                    .map(X509Certificate.class::cast).toList();
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    boolean isTls() {
        return channel.pipeline().get(SslHandler.class) != null;
    }

    /** Writes {@code error} (or nothing) and the stream's close; the connection ends when the peer closes too. */
    void closeStream(Element error) {
        String xml = (error == null ? "" : StreamWriter.toXml(error, SERVER)) + "</stream:stream>";
        channel.eventLoop().execute(() -> {
            if (!channel.isActive()) {
                return;
            }
            if (!closing) {
                closing = true;
                channel.writeAndFlush(ByteBufUtil.writeUtf8(channel.alloc(), xml));
                // A peer that never closes its side gets a grace and no more.
                channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
            }
            if (peerClosed) {
                // Both closing tags are out (RFC 6120 §4.4): the TCP connection can go.
                channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        });
    }

    InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }
}
