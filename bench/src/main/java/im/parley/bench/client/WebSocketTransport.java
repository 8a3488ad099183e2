package im.parley.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * XMPP over WebSocket (RFC 7395) under an {@link XmppClient}: Netty's WebSocket client does the
 * upgrade (subprotocol {@code xmpp}), pings and close frames; this handler tells the client its
 * connection is up only once the upgrade is done, hands it each text frame's bytes as they are
 * (a fragmented frame's continuations too: the client's parser is a stream parser), the server's
 * {@code <open/>} and {@code <close/>} turned into the stream header and closing tag it expects,
 * and sends each of the client's writes (one element, see {@link Framing#WEBSOCKET}) as one text frame.
 */
final class WebSocketTransport extends ChannelDuplexHandler {
    private static final String STREAM_HEADER =
            "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";
    private static final int MAX_FRAME_BYTES = 1 << 20;

    /** Adds the HTTP client, the WebSocket upgrade to {@code uri} and the framing in front of {@code client}. */
    static void addTo(ChannelPipeline pipeline, URI uri, SslContext ssl, XmppClient client) {
        if ("wss".equals(uri.getScheme())) {
            pipeline.addLast(ssl.newHandler(pipeline.channel().alloc(), uri.getHost(), port(uri)));
        }
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder().webSocketUri(uri)
                .subprotocol("xmpp").maxFramePayloadLength(MAX_FRAME_BYTES)
                // A native client, not a page: no Origin (Prosody checks a given one against its host).
                .generateOriginHeader(false).build();
        pipeline.addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                new WebSocketClientProtocolHandler(config), new WebSocketTransport(), client);
    }

    static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "wss".equals(uri.getScheme()) ? 443 : 80;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // The client opens its stream when the upgrade is done, not when TCP is up.
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            ctx.fireChannelActive();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof TextWebSocketFrame || msg instanceof ContinuationWebSocketFrame) {
            ByteBuf content = ((WebSocketFrame) msg).content();
            String replaced = msg instanceof TextWebSocketFrame ? streamText(content) : null;
            if (replaced == null) {
                ctx.fireChannelRead(content);
            } else {
                content.release();
                ctx.fireChannelRead(ByteBufUtil.writeUtf8(ctx.alloc(), replaced));
            }
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    /** The stream header or closing tag a framing element stands for, or null for any other frame. */
    private static String streamText(ByteBuf frame) {
        int start = frame.forEachByte(b -> b == ' ' || b == '\n' || b == '\r' || b == '\t');
        if (start < 0) {
            return null;
        }
        CharSequence head = frame.getCharSequence(start, Math.min(7, frame.writerIndex() - start), StandardCharsets.US_ASCII);
        if (startsWithTag(head, "open")) {
            return STREAM_HEADER;
        }
        return startsWithTag(head, "close") ? "</stream:stream>" : null;
    }

    private static boolean startsWithTag(CharSequence head, String name) {
        return head.length() > name.length() + 1 && head.charAt(0) == '<'
                && head.subSequence(1, name.length() + 1).toString().equals(name)
                && " />".indexOf(head.charAt(name.length() + 1)) >= 0;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg instanceof ByteBuf buf ? new TextWebSocketFrame(buf) : msg, promise);
    }
}
