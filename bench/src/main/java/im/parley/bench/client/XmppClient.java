package im.parley.bench.client;

import im.parley.xml.Element;
import im.parley.xml.XmlLimits;
import im.parley.xml.XmlStreamException;
import im.parley.xml.XmlStreamParser;
import im.parley.xml.XmlWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * One simulated user: a Netty handler that speaks just enough XMPP to get online (stream, optional
 * STARTTLS, SASL SCRAM-SHA-1 or PLAIN, resource binding, initial presence) or to register its
 * account in band (XEP-0077), and then hands every stanza it receives to a {@link StanzaListener}.
 * Everything runs on the connection's event loop; {@link #send} may be called from any thread. The
 * connection is a TCP stream, or XMPP over WebSocket ({@link WebSocketTransport}) to a target with a URL.
 */
public final class XmppClient extends ChannelInboundHandlerAdapter implements XmlStreamParser.Listener {
    /** What the connection is for. */
    public enum Purpose { LOGIN, REGISTER }

    static final String RESOURCE = "bench";
    private static final String TLS_NS = "urn:ietf:params:xml:ns:xmpp-tls";
    private static final String SASL_NS = "urn:ietf:params:xml:ns:xmpp-sasl";
    private static final String BIND_NS = "urn:ietf:params:xml:ns:xmpp-bind";
    private static final String REGISTER_NS = "jabber:iq:register";
    private static final String SM_NS = "urn:xmpp:sm:3";
    private static final XmlLimits LIMITS = new XmlLimits(1 << 20, 64, 256);

    private final Target target;
    private final int index;
    private final Purpose purpose;
    private final SslContext ssl;
    private final Framing framing;
    private final CompletableFuture<XmppClient> ready = new CompletableFuture<>();
    private volatile StanzaListener listener;
    private Channel channel;
    private XmlStreamParser parser;
    private boolean secured;
    private boolean authenticated;
    /** How far the login got, for the error of a connection the server closes before it is done. */
    private String stage = "connecting";
    private ScramSha1Client scram;
    /** Stanzas received since the server's {@code <enabled/>}, or -1 before (XEP-0198 counts from there). */
    private long handled = -1;

    XmppClient(Target target, int index, Purpose purpose, SslContext ssl, StanzaListener listener) {
        this.target = target;
        this.index = index;
        this.purpose = purpose;
        this.ssl = ssl;
        this.framing = target.webSocket() == null ? Framing.TCP : Framing.WEBSOCKET;
        this.listener = listener;
    }

    /** Completes when the user is online (or registered), fails on any error before that. */
    public CompletableFuture<XmppClient> ready() {
        return ready;
    }

    /** The bench user number this client logs in as. */
    public int index() {
        return index;
    }

    public void listener(StanzaListener newListener) {
        this.listener = newListener;
    }

    /** Writes and flushes one top-level element (a stanza, a SASL element...); safe from any thread. */
    public void send(String xml) {
        write(framing.element(xml));
    }

    private void write(String text) {
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(ByteBufUtil.writeUtf8(ch.alloc(), text), ch.voidPromise());
        }
    }

    /** Ends the stream politely and closes the connection. */
    public void close() {
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(ByteBufUtil.writeUtf8(ch.alloc(), framing.close()))
                    .addListener(f -> ch.close());
        }
    }

    public boolean isActive() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        openStream();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            for (ByteBuffer nio : buf.nioBuffers()) {
                parser.feed(nio);
            }
        } catch (XmlStreamException | RuntimeException e) {
            fail(e);
            ctx.close();
        } finally {
            buf.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(new IOException("connection closed by the server (" + stage + ")"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause);
        ctx.close();
    }

    @Override
    public void streamOpened(Element header, String contentNamespace) {
        // Nothing to check: the features that follow say what to do next.
    }

    @Override
    public void streamClosed() {
        channel.close();
    }

    @Override
    public void element(Element element) {
        String ns = element.namespace();
        if (SM_NS.equals(ns)) {
            streamManagement(element);
            return;
        }
        if (handled >= 0 && isStanza(element.name())) {
            handled++;
        }
        switch (element.name()) {
            case "features" -> onFeatures(element);
            case "proceed" -> startTls();
            case "challenge" -> onChallenge(element);
            case "success" -> onSuccess(element);
            case "failure" -> fail(new IOException(ns + " failure: " + XmlLine.of(element)));
            case "error" -> {
                if (XmlStreamParser.STREAM_NAMESPACE.equals(ns)) {
                    fail(new IOException("stream error: " + XmlLine.of(element)));
                } else {
                    deliver(element);
                }
            }
            case "iq" -> {
                if (ready.isDone()) {
                    deliver(element);
                } else {
                    onSetupResult(element);
                }
            }
            default -> deliver(element);
        }
    }

    private static boolean isStanza(String name) {
        return name.equals("message") || name.equals("presence") || name.equals("iq");
    }

    /** XEP-0198: count from {@code <enabled/>}, answer each {@code <r/>}; the server's own {@code <a/>} needs nothing. */
    private void streamManagement(Element element) {
        switch (element.name()) {
            case "enabled" -> handled = 0;
            case "r" -> send("<a xmlns='" + SM_NS + "' h='" + handled + "'/>");
            case "failed" -> fail(new IOException("stream management refused: " + XmlLine.of(element)));
            default -> {
            }
        }
    }

    private void deliver(Element stanza) {
        if (ready.isDone()) {
            listener.stanza(this, stanza);
        }
    }

    private void openStream() {
        stage = authenticated ? "stream restarted after SASL" : secured ? "stream restarted after TLS" : "stream opened";
        parser = new XmlStreamParser(LIMITS, this);
        write(framing.open(target.domain()));
    }

    private void onFeatures(Element features) {
        if (target.startTls() && !secured) {
            if (features.child("starttls", TLS_NS) == null) {
                fail(new IOException("the server offers no STARTTLS"));
                return;
            }
            send("<starttls xmlns='" + TLS_NS + "'/>");
        } else if (purpose == Purpose.REGISTER) {
            StringBuilder password = new StringBuilder();
            XmlWriter.escapeText(target.password(), password);
            send("<iq type='set' id='reg'><query xmlns='" + REGISTER_NS + "'><username>" + Target.username(index)
                    + "</username><password>" + password + "</password></query></iq>");
        } else if (!authenticated) {
            authenticate();
        } else {
            stage = "bind sent";
            send("<iq type='set' id='bind'><bind xmlns='" + BIND_NS + "'><resource>" + RESOURCE
                    + "</resource></bind></iq>");
        }
    }

    private void startTls() {
        SslHandler handler = ssl.newHandler(channel.alloc(), target.host(), target.port());
        channel.pipeline().addFirst(handler);
        handler.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) {
                secured = true;
                openStream();
            } else {
                fail(f.cause());
            }
        });
    }

    private void authenticate() {
        stage = "SASL begun";
        String initial;
        if (target.mechanism().equals(Target.PLAIN)) {
            initial = "\0" + Target.username(index) + "\0" + target.password();
        } else {
            scram = new ScramSha1Client(Target.username(index), target.password());
            initial = scram.clientFirst();
        }
        send("<auth xmlns='" + SASL_NS + "' mechanism='" + target.mechanism() + "'>" + base64(initial) + "</auth>");
    }

    private void onChallenge(Element challenge) {
        String serverFirst = unbase64(challenge.text());
        send("<response xmlns='" + SASL_NS + "'>" + base64(scram.clientFinal(serverFirst)) + "</response>");
    }

    private void onSuccess(Element success) {
        if (scram != null && !scram.verifyServerFinal(unbase64(success.text()))) {
            fail(new IOException("the server's SCRAM signature is wrong"));
            return;
        }
        authenticated = true;
        openStream();
    }

    private void onSetupResult(Element iq) {
        String type = iq.attribute("type");
        if ("reg".equals(iq.attribute("id"))) {
            // XEP-0077 §3.1: 409 conflict means the account exists, which is what provisioning wants.
            boolean exists = "error".equals(type) && XmlLine.of(iq).contains("conflict");
            if ("result".equals(type) || exists) {
                ready.complete(this);
                close();
            } else {
                fail(new IOException("registration refused: " + XmlLine.of(iq)));
            }
        } else if ("bind".equals(iq.attribute("id"))) {
            if (!"result".equals(type)) {
                fail(new IOException("bind refused: " + XmlLine.of(iq)));
                return;
            }
            if (target.streamManagement()) {
                send("<enable xmlns='" + SM_NS + "'/>");
            }
            send("<presence/>");
            ready.complete(this);
        }
    }

    private void fail(Throwable cause) {
        if (ready.completeExceptionally(cause) && channel != null) {
            channel.close();
        }
    }

    private static String base64(String text) {
        return text.isEmpty() ? "=" : Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String unbase64(String text) {
        String trimmed = text.strip();
        return trimmed.equals("=") ? "" : new String(Base64.getDecoder().decode(trimmed), StandardCharsets.UTF_8);
    }
}
