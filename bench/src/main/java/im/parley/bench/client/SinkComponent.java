package im.parley.bench.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An external component (XEP-0114 accept mode) that takes every message sent to its domain and
 * hands each {@code <body/>}'s text to a listener with the time it arrived; it answers nothing.
 * One reader thread scans the stream for bodies instead of parsing XML, so that the sink costs
 * the shared cores little and is never what limits a measurement (bench bodies are plain text).
 */
public final class SinkComponent implements AutoCloseable {
    private static final Pattern STREAM_ID = Pattern.compile("<stream:stream[^>]*\\sid=['\"]([^'\"]+)['\"]");
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final Thread reader;
    private final BiConsumer<String, Long> bodies;
    private final StringBuilder pending = new StringBuilder();
    private volatile boolean closing;

    private SinkComponent(Socket socket, BiConsumer<String, Long> bodies) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.bodies = bodies;
        this.reader = Thread.ofPlatform().name("sink-component").daemon().unstarted(this::readBodies);
    }

    /**
     * Connects to the server's component port, opens a stream to {@code domain} and completes the
     * handshake with {@code secret}; then every body received goes to {@code bodies} (text, nanoTime).
     */
    public static SinkComponent connect(String host, int port, String domain, String secret,
            BiConsumer<String, Long> bodies) throws IOException {
        Socket socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
        SinkComponent sink = new SinkComponent(socket, bodies);
        try {
            sink.handshake(domain, secret);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        socket.setSoTimeout(0);
        sink.reader.start();
        return sink;
    }

    private void handshake(String domain, String secret) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' "
                + "xmlns:stream='http://etherx.jabber.org/streams' to='" + domain + "'>").getBytes(StandardCharsets.UTF_8));
        out.flush();
        Matcher id = STREAM_ID.matcher("");
        while (!id.reset(pending).find()) {
            readMore("the stream header");
        }
        String digest = HexFormat.of().formatHex(sha1(id.group(1) + secret));
        pending.delete(0, id.end());
        out.write(("<handshake>" + digest + "</handshake>").getBytes(StandardCharsets.UTF_8));
        out.flush();
        while (pending.indexOf("<handshake/>") < 0 && pending.indexOf("</handshake>") < 0) {
            readMore("the handshake's answer");
        }
        pending.setLength(0);
    }

    private void readMore(String awaited) throws IOException {
        byte[] buffer = new byte[4096];
        int n = in.read(buffer);
        if (n < 0 || pending.indexOf("<stream:error") >= 0) {
            throw new IOException("the server refused the component before " + awaited + ": " + pending);
        }
        pending.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
    }

    private void readBodies() {
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                long now = System.nanoTime();
                // Bench bodies are ASCII, so a read never splits a character that matters here.
                pending.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                takeBodies(now);
            }
        } catch (IOException e) {
            if (!closing) {
                System.err.println("sink component: connection lost: " + e);
            }
        }
    }

    private void takeBodies(long now) {
        int from = 0;
        while (true) {
            int start = pending.indexOf("<body>", from);
            int end = start < 0 ? -1 : pending.indexOf("</body>", start);
            if (end < 0) {
                break;
            }
            bodies.accept(pending.substring(start + 6, end), now);
            from = end + 7;
        }
        pending.delete(0, from);
    }

    private static byte[] sha1(String text) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    @Override
    public void close() throws IOException {
        closing = true;
        try {
            socket.getOutputStream().write("</stream:stream>".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // gone already
        }
        socket.close();
    }
}
