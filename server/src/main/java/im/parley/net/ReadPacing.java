package im.parley.net;

import io.netty.channel.Channel;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Keeps a peer that sends faster than its stream is handled from queueing without bound: after
 * a read, a channel whose stream has more than {@link #MAX_BACKLOG} elements waiting stops
 * reading, and reads again once a quarter of that is left. The peer's socket fills meanwhile,
 * which slows the peer down (TCP's own flow control). Runs on the channel's event loop.
 */
public final class ReadPacing {
    /** Elements parsed but not yet handled beyond which reading pauses. */
    static final int MAX_BACKLOG = 512;

    private ReadPacing() {
    }

    /** Called after each read with the number of elements the stream has still to handle. */
    public static void afterRead(Channel channel, IntSupplier backlog) {
        if (backlog.getAsInt() > MAX_BACKLOG && channel.config().isAutoRead()) {
            channel.config().setAutoRead(false);
            resumeWhenCaughtUp(channel, backlog);
        }
    }

    private static void resumeWhenCaughtUp(Channel channel, IntSupplier backlog) {
        channel.eventLoop().schedule(() -> {
            if (backlog.getAsInt() > MAX_BACKLOG / 4) {
                resumeWhenCaughtUp(channel, backlog);
            } else {
                channel.config().setAutoRead(true);
            }
        }, 5, TimeUnit.MILLISECONDS);
    }
}
