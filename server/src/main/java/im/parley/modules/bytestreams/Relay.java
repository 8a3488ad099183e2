package im.parley.modules.bytestreams;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One side of an activated bytestream: what its client sends goes to the other side's client. A
 * side stops reading while the other cannot keep up (its channel is over the write-buffer mark)
 * and reads again when it has drained, so a fast sender never fills the proxy's memory. Before
 * activation nothing is read; bytes that came with the SOCKS5 request wait here.
 */
final class Relay extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(Relay.class);

    private final Queue<Object> early = new ArrayDeque<>();
    private Channel peer;

    /** Starts relaying to {@code other}; on this side's event loop. */
    void start(ChannelHandlerContext ctx, Channel other) {
        peer = other;
        Object message;
        while ((message = early.poll()) != null) {
            peer.write(message);
        }
        peer.flush();
        ctx.channel().config().setAutoRead(true);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (peer == null) {
            early.add(message);
            return;
        }
        peer.writeAndFlush(message);
        if (!peer.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (peer != null && ctx.channel().isWritable()) {
            peer.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        early.forEach(ReferenceCountUtil::release);
        early.clear();
        if (peer != null) {
            // What this side sent reaches the other before its connection ends too.
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("bytestream connection {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
