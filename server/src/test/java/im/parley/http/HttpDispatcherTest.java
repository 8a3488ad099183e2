package im.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The dispatcher on Netty's in-memory channel: HTTP objects in, answers out, no codec, no socket. */
class HttpDispatcherTest {
    private static EmbeddedChannel channel(HttpRoutes routes) {
        Cors cors = new Cors(List.of("*"));
        CorsHeaders corsHeaders = new CorsHeaders(cors);
        return new EmbeddedChannel(corsHeaders, new HttpDispatcher(routes, cors, corsHeaders));
    }

    private static DefaultHttpContent piece(ByteBuf bytes) {
        return new DefaultHttpContent(bytes);
    }

    /**
     * A streamed route that refuses a request (its sink null) has
     * the rest of the body read and dropped, so that a client still sending reads the answer; the
     * connection closes at the body's end.
     */
    @Test
    void aRefusedStreamedRequestHasItsBodyDroppedThenTheConnectionCloses() {
        HttpRoutes routes = new HttpRoutes(1024);
        routes.addStreamed("/upload/", Set.of(HttpMethod.PUT), false, (ctx, request) -> {
            Responses.refuse(ctx, Responses.status(HttpResponseStatus.FORBIDDEN));
            return null;
        });
        EmbeddedChannel channel = channel(routes);
        HttpRequest put = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/upload/secret/file.bin");
        put.headers().set(HttpHeaderNames.CONTENT_LENGTH, 20);
        channel.writeInbound(put);
        FullHttpResponse answer = channel.readOutbound();
        assertThat(answer.status()).isEqualTo(HttpResponseStatus.FORBIDDEN);
        answer.release();

        ByteBuf first = Unpooled.copiedBuffer(new byte[10]);
        channel.writeInbound(piece(first));
        assertThat(first.refCnt()).as("dropped").isZero();
        assertThat(channel.isOpen()).as("open while the body comes").isTrue();
        ByteBuf last = Unpooled.copiedBuffer(new byte[10]);
        channel.writeInbound(new DefaultLastHttpContent(last));
        assertThat(last.refCnt()).isZero();
        assertThat(channel.isOpen()).as("closed at the body's end").isFalse();
    }
}
