package im.parley.net;

import im.parley.xml.XmlWriter;
import im.parley.xmpp.Namespaces;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ByteProcessor;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * XMPP over WebSocket (RFC 7395) as text for {@link XmlStreamChannel}'s stream parser: a client's
 * {@code <open/>} becomes a stream header, its {@code <close/>} the stream's closing tag, and every
 * other frame (one element, RFC 7395 §3.3.3) passes as it is. Each of the connection's writes (one
 * element, {@code <open/>} or {@code <close/>}, written as a frame's document by the connection)
 * goes out as one text frame; the whitespace keepalive as a WebSocket ping (§3.6: no whitespace
 * between elements). Closing the connection sends a WebSocket close frame first.
 */
final class WebSocketFraming extends ChannelDuplexHandler {
    static final String FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";
    private static final Logger log = LoggerFactory.getLogger(WebSocketFraming.class);
    /** Enough of a frame's first tag to tell {@code <open}, {@code <close} and a prefix of either. */
    private static final int NAME_BYTES = 128;
    /** Goes on over whitespace: stops at the first other byte. */
    private static final ByteProcessor WHITESPACE = WebSocketFraming::isWhitespace;
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XML.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    }

    private boolean closeSent;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof TextWebSocketFrame frame && !mayBeOpenOrClose(frame.content())) {
            // A stanza (or nonce): its bytes go to the parser as they are, without a copy.
            ctx.fireChannelRead(frame.content());
        } else if (msg instanceof TextWebSocketFrame frame) {
            String text = frame.text();
            frame.release();
            ctx.fireChannelRead(ByteBufUtil.writeUtf8(ctx.alloc(), asStreamText(text)));
        } else if (msg instanceof WebSocketFrame frame) {
            // Binary and continuation frames: RFC 7395 §3.2 allows text frames only (Netty joins fragments).
            frame.release();
            log.info("WebSocket client {} sent a non-text frame: closed", ctx.channel().remoteAddress());
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_MESSAGE_TYPE)).addListener(f -> ctx.close());
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    /**
     * Whether a frame may hold {@code <open/>} or {@code <close/>}: its first tag's name (after an
     * XML declaration, which only those frames may have) is looked at in place, bytes compared
     * without decoding, as every stanza's frame passes here.
     */
    static boolean mayBeOpenOrClose(ByteBuf content) {
        int start = content.forEachByte(WHITESPACE);
        int end = content.writerIndex();
        if (start < 0 || start + 1 >= end || content.getByte(start) != '<') {
            return false;
        }
        if (content.getByte(start + 1) == '?') {
            return true;
        }
        int nameEnd = content.forEachByte(start + 1, Math.min(NAME_BYTES, end - start - 1), WebSocketFraming::isNameByte);
        if (nameEnd < 0) {
            return false;
        }
        int localStart = start + 1;
        for (int i = start + 1; i < nameEnd; i++) {
            if (content.getByte(i) == ':') {
                localStart = i + 1;
            }
        }
        byte after = content.getByte(nameEnd);
        return (after == '/' || after == '>' || isWhitespace(after))
                && (isAscii(content, localStart, nameEnd, "open") || isAscii(content, localStart, nameEnd, "close"));
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    /** A byte of an element name as the framing's prefixes and names use them (ASCII letters, digits, {@code _.-:}). */
    private static boolean isNameByte(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b == '.' || b == '-'
                || b == ':';
    }

    private static boolean isAscii(ByteBuf content, int from, int to, String name) {
        if (to - from != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (content.getByte(from + i) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The text the stream parser reads for a frame that {@link #mayBeOpenOrClose} let through: the parse decides. */
    static String asStreamText(String frame) {
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(new StringReader(frame));
            try {
                return framingAsStreamText(reader, frame);
            } finally {
                // Closing returns the reader's buffers (tens of KB) to the parser's per-thread
                // recycler: without it every login's two <open/>s allocated them anew.
                reader.close();
            }
        } catch (XMLStreamException e) {
            // Not well-formed: the stream parser reads it as it is and reports the error.
            return frame;
        }
    }

    private static String framingAsStreamText(XMLStreamReader reader, String frame) throws XMLStreamException {
        reader.nextTag();
        if (!FRAMING.equals(reader.getNamespaceURI())) {
            return frame;
        }
        if (reader.getLocalName().equals("close")) {
            return "</stream:stream>";
        }
        StringBuilder header = new StringBuilder(200).append("<stream:stream xmlns='").append(Namespaces.CLIENT)
                .append("' xmlns:stream='").append(Namespaces.STREAMS).append('\'');
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String name = reader.getAttributeLocalName(i);
            boolean xml = XMLConstants.XML_NS_URI.equals(reader.getAttributeNamespace(i));
            header.append(' ').append(xml ? "xml:" : "").append(name).append("='");
            XmlWriter.escapeAttribute(reader.getAttributeValue(i), header);
            header.append('\'');
        }
        return header.append('>').toString();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf && buf.isReadable() && buf.forEachByte(WHITESPACE) < 0) {
            buf.release();
            ctx.write(new PingWebSocketFrame(), promise);
        } else if (msg instanceof ByteBuf buf && buf.isReadable()) {
            ctx.write(new TextWebSocketFrame(buf), promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (closeSent || !ctx.channel().isActive()) {
            ctx.close(promise);
            return;
        }
        closeSent = true;
        ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE)).addListener(f -> ctx.close(promise));
    }
}
