package im.parley.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * XMPP over WebSocket (RFC 7395) under an {@link XmppClient}, with the client side of RFC 6455
 * written out: the upgrade request (subprotocol {@code xmpp}) as bytes, the server's 101 answer
 * checked (status, {@code Sec-WebSocket-Accept}, subprotocol), then frames. The client is told its
 * connection is up only once the upgrade is done; it gets each text frame's payload as it is (a
 * fragmented frame's continuations too: its parser is a stream parser), the server's
 * {@code <open/>} and {@code <close/>} turned into the stream header and closing tag it expects;
 * each of its writes (one element, see {@link Framing#WEBSOCKET}) goes out as one masked text
 * frame; pings are answered.
 *
 * <p>Written out rather than Netty's WebSocket client (HTTP codec, aggregator, handshaker, UTF-8
 * validator, pipeline rebuilt after the upgrade), which cost the load tool about a quarter of its
 * CPU per login on the cores it shares with the server under test.
 */
final class WebSocketTransport extends ChannelDuplexHandler {
    private static final String STREAM_HEADER =
            "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";
    private static final int MAX_FRAME_BYTES = 1 << 20;
    private static final int MAX_HANDSHAKE_BYTES = 16 * 1024;
    /** RFC 6455 §1.3: appended to the key to compute the accept value. */
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int CONTINUATION = 0x0;
    private static final int TEXT = 0x1;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;

    private final URI uri;
    private final String key;
    private boolean upgraded;
    /** Bytes read and not yet made into frames (or the handshake's answer), or null. */
    private ByteBuf in;

    private WebSocketTransport(URI uri) {
        this.uri = uri;
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        this.key = Base64.getEncoder().encodeToString(nonce);
    }

    /** Adds TLS for {@code wss}, the WebSocket client for {@code uri} and {@code client} to a new connection's pipeline. */
    static void addTo(ChannelPipeline pipeline, URI uri, SslContext ssl, XmppClient client) {
        if ("wss".equals(uri.getScheme())) {
            pipeline.addLast(ssl.newHandler(pipeline.channel().alloc(), uri.getHost(), port(uri)));
        }
        pipeline.addLast(new WebSocketTransport(uri), client);
    }

    static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "wss".equals(uri.getScheme()) ? 443 : 80;
    }

    /** The client opens its stream when the upgrade is done, not when TCP is up. */
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        String path = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String request = "GET " + (uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery()) + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + port(uri) + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: xmpp\r\n\r\n";
        ctx.writeAndFlush(ByteBufUtil.writeAscii(ctx.alloc(), request), ctx.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf bytes = (ByteBuf) msg;
        in = in == null ? bytes : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), in, bytes);
        try {
            while (ctx.channel().isActive() && (upgraded ? frame(ctx) : handshake(ctx))) {
                // one frame (or the handshake's answer) per turn
            }
        } finally {
            if (in != null && !in.isReadable()) {
                in.release();
                in = null;
            }
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (in != null) {
            in.release();
            in = null;
        }
    }

    /** Reads the server's answer to the upgrade once it is whole; false while more is needed. */
    private boolean handshake(ChannelHandlerContext ctx) {
        String head = in.toString(in.readerIndex(), Math.min(in.readableBytes(), MAX_HANDSHAKE_BYTES),
                StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n");
        if (end < 0) {
            if (in.readableBytes() >= MAX_HANDSHAKE_BYTES) {
                throw new CorruptedFrameException("no end to the WebSocket upgrade's answer");
            }
            return false;
        }
        in.skipBytes(end + 4);
        String[] lines = head.substring(0, end).split("\r\n");
        if (!lines[0].startsWith("HTTP/1.1 101")) {
            throw new CorruptedFrameException("WebSocket upgrade refused: " + lines[0]);
        }
        if (!accept().equals(header(lines, "sec-websocket-accept"))) {
            throw new CorruptedFrameException("wrong Sec-WebSocket-Accept (RFC 6455 §4.1)");
        }
        if (!"xmpp".equals(header(lines, "sec-websocket-protocol"))) {
            throw new CorruptedFrameException("the server did not select the xmpp subprotocol (RFC 7395 §3.1)");
        }
        upgraded = true;
        ctx.fireChannelActive();
        return true;
    }

    private static String header(String[] lines, String name) {
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return lines[i].substring(colon + 1).trim();
            }
        }
        return null;
    }

    private String accept() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads one whole frame (RFC 6455 §5.2) and acts on it; false while more is needed. */
    private boolean frame(ChannelHandlerContext ctx) {
        int start = in.readerIndex();
        if (in.readableBytes() < 2) {
            return false;
        }
        int first = in.getUnsignedByte(start);
        int second = in.getUnsignedByte(start + 1);
        if ((second & 0x80) != 0) {
            throw new CorruptedFrameException("a masked frame from the server (RFC 6455 §5.1)");
        }
        int headerBytes = 2;
        long length = second & 0x7f;
        if (length == 126) {
            headerBytes = 4;
            length = in.readableBytes() < headerBytes ? -1 : in.getUnsignedShort(start + 2);
        } else if (length == 127) {
            headerBytes = 10;
            length = in.readableBytes() < headerBytes ? -1 : in.getLong(start + 2);
        }
        if (length > MAX_FRAME_BYTES) {
            throw new CorruptedFrameException("a frame of " + length + " bytes");
        }
        if (length < 0 || in.readableBytes() < headerBytes + length) {
            return false;
        }
        ByteBuf payload = in.retainedSlice(start + headerBytes, (int) length);
        in.skipBytes(headerBytes + (int) length);
        switch (first & 0x0f) {
            case TEXT -> ctx.fireChannelRead(asStreamText(ctx.alloc(), payload));
            case CONTINUATION -> ctx.fireChannelRead(payload);
            case PING -> ctx.writeAndFlush(frame(ctx.alloc(), PONG, payload), ctx.voidPromise());
            case CLOSE -> {
                payload.release();
                ctx.close();
            }
            default -> payload.release();
        }
        return true;
    }

    /** A text frame's payload, or the stream header or closing tag the server's {@code <open/>} or {@code <close/>} stands for. */
    private static ByteBuf asStreamText(ByteBufAllocator allocator, ByteBuf payload) {
        String replaced = streamText(payload);
        if (replaced == null) {
            return payload;
        }
        payload.release();
        return ByteBufUtil.writeUtf8(allocator, replaced);
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
        ctx.write(msg instanceof ByteBuf buf ? frame(ctx.alloc(), TEXT, buf) : msg, promise);
    }

    /**
     * One final frame of {@code opcode} carrying {@code payload} (released), masked as a client's
     * frames must be (RFC 6455 §5.3): octet i of the payload XOR octet i mod 4 of the key.
     */
    static ByteBuf frame(ByteBufAllocator allocator, int opcode, ByteBuf payload) {
        int length = payload.readableBytes();
        ByteBuf frame = allocator.buffer(14 + length);
        frame.writeByte(0x80 | opcode);
        if (length < 126) {
            frame.writeByte(0x80 | length);
        } else if (length < 65536) {
            frame.writeByte(0x80 | 126).writeShort(length);
        } else {
            frame.writeByte(0x80 | 127).writeLong(length);
        }
        int mask = ThreadLocalRandom.current().nextInt();
        frame.writeInt(mask);
        int from = payload.readerIndex();
        int i = 0;
        for (; i + 4 <= length; i += 4) {
            frame.writeInt(payload.getInt(from + i) ^ mask);
        }
        for (; i < length; i++) {
            frame.writeByte(payload.getByte(from + i) ^ (mask >>> (24 - 8 * (i & 3))));
        }
        payload.release();
        return frame;
    }
}
