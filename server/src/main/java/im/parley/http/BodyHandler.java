package im.parley.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;

/**
 * A route whose request bodies are streamed (file uploads): the head comes first, then the body
 * in the pieces the network delivers, never gathered in memory by the listener. Called on the
 * connection's event loop: a sink that writes the pieces somewhere slow pauses reading
 * ({@link BodyStream} does).
 */
@FunctionalInterface
public interface BodyHandler {
    /**
     * Takes a request's head: returns where its body goes, or null after answering it (a refusal,
     * {@link Responses#refuse}: the listener then reads the body and drops it, and closes the
     * connection).
     */
    Sink open(ChannelHandlerContext ctx, HttpRequest request);

    /** Where one request's body goes; the sink answers the request once it has the whole body. */
    interface Sink {
        /** A piece of the body, which the sink releases. */
        void content(ByteBuf piece);

        /** The body is complete. */
        void end();

        /** The connection closed before the body was complete. */
        void abort();
    }
}
