package im.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The WebSocket route on Netty's in-memory channel, with the HTTP listener's handlers in front of it. */
class XmppWebSocketTest {
    @Test
    void anUpgradedConnectionKeepsNoneOfTheHttpRequestHandling() {
        AtomicReference<ChannelPipeline> upgraded = new AtomicReference<>();
        HttpRoutes routes = new HttpRoutes(1024);
        routes.add("/xmpp-websocket", Set.of(HttpMethod.GET), false,
                new XmppWebSocket("/xmpp-websocket", 65_536, upgraded::set));
        Cors cors = new Cors(List.of("*"));
        CorsHeaders corsHeaders = new CorsHeaders(cors);
        EmbeddedChannel channel = new EmbeddedChannel(new HttpServerCodec(), new HttpServerExpectContinueHandler(),
                corsHeaders, new HttpDispatcher(routes, cors, corsHeaders));

        channel.writeInbound(Unpooled.copiedBuffer("GET /xmpp-websocket HTTP/1.1\r\nHost: localhost\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: xmpp\r\n\r\n", StandardCharsets.US_ASCII));

        ByteBuf answer = channel.readOutbound();
        assertThat(answer.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 101")
                .contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        answer.release();
        assertThat(upgraded.get()).as("the XMPP connection's turn").isSameAs(channel.pipeline());
        assertThat(channel.pipeline().get(HttpDispatcher.class)).isNull();
        assertThat(channel.pipeline().get(CorsHeaders.class)).isNull();
        assertThat(channel.pipeline().get(HttpServerExpectContinueHandler.class)).isNull();
        channel.finishAndReleaseAll();
    }
}
