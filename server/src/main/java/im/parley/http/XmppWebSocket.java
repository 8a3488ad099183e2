package im.parley.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket route (RFC 7395): an upgrade request gets Netty's WebSocket handshake for the
 * {@code xmpp} subprotocol, and once it is done the connection's pipeline becomes an XMPP client
 * connection's ({@code upgraded} adds it, like those of the other client ports).
 */
public final class XmppWebSocket implements HttpHandler {
    /** The WebSocket subprotocol of RFC 7395. */
    static final String SUBPROTOCOL = "xmpp";
    private static final Logger log = LoggerFactory.getLogger(XmppWebSocket.class);

    private final WebSocketServerProtocolConfig config;
    private final Consumer<ChannelPipeline> upgraded;

    /** @param upgraded adds the XMPP connection to an upgraded connection's pipeline */
    public XmppWebSocket(String path, int maxFrameBytes, Consumer<ChannelPipeline> upgraded) {
        this.config = WebSocketServerProtocolConfig.newBuilder().websocketPath(path).subprotocols(SUBPROTOCOL)
                .checkStartsWith(false).maxFramePayloadLength(maxFrameBytes).build();
        this.upgraded = upgraded;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            Responses.send(ctx, request, Responses.text(request, HttpResponseStatus.BAD_REQUEST,
                    "text/plain; charset=utf-8", "XMPP over WebSocket (RFC 7395) only\n"));
            return;
        }
        ctx.pipeline().addAfter(ctx.name(), null, new WebSocketServerProtocolHandler(config));
        ctx.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext watcher, Object event) {
                if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete handshake) {
                    upgraded(watcher, handshake);
                } else {
                    watcher.fireUserEventTriggered(event);
                }
            }
        });
        ctx.fireChannelRead(request.retain());
    }

    /** RFC 7395 §3.1: only the xmpp subprotocol; the XMPP connection replaces the upgrade's watcher and the HTTP handling. */
    private void upgraded(ChannelHandlerContext watcher, WebSocketServerProtocolHandler.HandshakeComplete handshake) {
        if (!SUBPROTOCOL.equals(handshake.selectedSubprotocol())) {
            log.info("WebSocket client {} did not ask for the xmpp subprotocol: closed", watcher.channel().remoteAddress());
            watcher.close();
            return;
        }
        ChannelPipeline pipeline = watcher.pipeline();
        pipeline.remove(watcher.handler());
        HttpListener.leaveHttp(pipeline);
        upgraded.accept(pipeline);
    }
}
