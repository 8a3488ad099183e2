package im.parley.modules.bytestreams;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SOCKS5 negotiation (RFC 1928) in the subset XEP-0065 §5.3.2 uses: no authentication, then a
 * CONNECT to a DOMAINNAME, the hex SHA-1 of the stream id and both JIDs, which names the
 * bytestream. Anything else is answered with the RFC's failure and the connection closed. Once the
 * connection is registered under its address the reply echoes it (BND.ADDR and BND.PORT are the
 * request's, §5.3.3), and the handler gives way to the connection's {@link Relay}: what the client
 * sends before activation waits (unread in the socket) until the relay starts.
 */
final class Socks5Handshake extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(Socks5Handshake.class);
    private static final byte VERSION = 5;
    private static final byte NO_AUTHENTICATION = 0;
    private static final byte NO_ACCEPTABLE_METHOD = (byte) 0xFF;
    private static final byte CONNECT = 1;
    private static final byte DOMAINNAME = 3;
    private static final byte SUCCEEDED = 0;
    private static final byte GENERAL_FAILURE = 1;
    private static final byte COMMAND_NOT_SUPPORTED = 7;
    private static final byte ADDRESS_TYPE_NOT_SUPPORTED = 8;

    private final BiPredicate<String, Channel> register;
    private boolean greeted;

    /** @param register files the connection under its DST.ADDR; false when it may not be (a third party, a full proxy) */
    Socks5Handshake(BiPredicate<String, Channel> register) {
        this.register = register;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!greeted) {
            greeting(ctx, in);
        } else {
            request(ctx, in);
        }
    }

    /** VER, NMETHODS, METHODS: the client must offer "no authentication". */
    private void greeting(ChannelHandlerContext ctx, ByteBuf in) {
        if (in.readableBytes() < 2 || in.readableBytes() < 2 + in.getUnsignedByte(in.readerIndex() + 1)) {
            return;
        }
        if (in.readByte() != VERSION) {
            fail(ctx, in, null, "not SOCKS version 5");
            return;
        }
        int methods = in.readUnsignedByte();
        boolean noAuthentication = false;
        for (int i = 0; i < methods; i++) {
            noAuthentication |= in.readByte() == NO_AUTHENTICATION;
        }
        if (!noAuthentication) {
            fail(ctx, in, new byte[] {VERSION, NO_ACCEPTABLE_METHOD}, "no authentication not offered");
            return;
        }
        greeted = true;
        ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {VERSION, NO_AUTHENTICATION}));
    }

    /** VER, CMD, RSV, ATYP, DST.ADDR (length and name), DST.PORT. */
    private void request(ChannelHandlerContext ctx, ByteBuf in) {
        if (in.readableBytes() < 5) {
            return;
        }
        int start = in.readerIndex();
        byte type = in.getByte(start + 3);
        if (in.getByte(start) != VERSION || in.getByte(start + 1) != CONNECT) {
            fail(ctx, in, reply(COMMAND_NOT_SUPPORTED), "only CONNECT is supported (XEP-0065 §5.3.2)");
            return;
        }
        if (type != DOMAINNAME) {
            fail(ctx, in, reply(ADDRESS_TYPE_NOT_SUPPORTED), "the address must be a DOMAINNAME (XEP-0065 §5.3.2)");
            return;
        }
        int length = in.getUnsignedByte(start + 4);
        if (in.readableBytes() < 5 + length + 2) {
            return;
        }
        in.skipBytes(5);
        byte[] name = new byte[length];
        in.readBytes(name);
        int port = in.readUnsignedShort();
        String address = new String(name, StandardCharsets.US_ASCII);
        if (!register.test(address, ctx.channel())) {
            fail(ctx, in, reply(GENERAL_FAILURE), "bytestream " + address + " refused");
            return;
        }
        ByteBuf success = ctx.alloc().buffer(7 + length);
        success.writeBytes(new byte[] {VERSION, SUCCEEDED, 0, DOMAINNAME, (byte) length}).writeBytes(name).writeShort(port);
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(success);
        ctx.pipeline().replace(this, "relay", new Relay());
    }

    private static byte[] reply(byte status) {
        return new byte[] {VERSION, status, 0, 1, 0, 0, 0, 0, 0, 0};
    }

    private static void fail(ChannelHandlerContext ctx, ByteBuf in, byte[] answer, String why) {
        log.info("SOCKS5 connection from {} closed: {}", ctx.channel().remoteAddress(), why);
        in.skipBytes(in.readableBytes());
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(answer == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(answer))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
