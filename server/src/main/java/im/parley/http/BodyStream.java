package im.parley.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * A request body as an {@link InputStream} for a virtual thread, fed by the event loop
 * ({@link BodyHandler.Sink}): while more than {@link #HIGH_WATER} bytes wait, the connection stops
 * reading (its {@code autoRead}), and it reads again once the reader has taken them down to
 * {@link #LOW_WATER}. So an upload holds a bounded amount of memory whatever its size, and a slow
 * store slows the client down instead of filling the heap.
 */
public final class BodyStream extends InputStream implements BodyHandler.Sink {
    static final int HIGH_WATER = 256 * 1024;
    static final int LOW_WATER = 64 * 1024;

    private final Channel channel;
    private final Queue<ByteBuf> pieces = new ArrayDeque<>();
    private long waiting;
    private boolean ended;
    private boolean aborted;
    private boolean paused;

    public BodyStream(Channel channel) {
        this.channel = channel;
    }

    @Override
    public synchronized void content(ByteBuf piece) {
        if (aborted || !piece.isReadable()) {
            piece.release();
            return;
        }
        pieces.add(piece);
        waiting += piece.readableBytes();
        if (waiting > HIGH_WATER && !paused) {
            paused = true;
            channel.config().setAutoRead(false);
        }
        notifyAll();
    }

    @Override
    public synchronized void end() {
        ended = true;
        notifyAll();
    }

    @Override
    public synchronized void abort() {
        aborted = true;
        notifyAll();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (pieces.isEmpty() && !ended && !aborted) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the request body", e);
            }
        }
        if (aborted) {
            throw new IOException("the connection closed before the request body was complete");
        }
        ByteBuf piece = pieces.peek();
        if (piece == null) {
            return -1;
        }
        int n = Math.min(length, piece.readableBytes());
        piece.readBytes(into, offset, n);
        if (!piece.isReadable()) {
            pieces.remove().release();
        }
        waiting -= n;
        if (paused && waiting <= LOW_WATER) {
            paused = false;
            channel.config().setAutoRead(true);
        }
        return n;
    }

    /** Releases what was not read (the reader gave up). */
    @Override
    public synchronized void close() {
        aborted = true;
        ByteBuf piece;
        while ((piece = pieces.poll()) != null) {
            piece.release();
        }
        waiting = 0;
        if (paused) {
            paused = false;
            channel.config().setAutoRead(true);
        }
    }
}
