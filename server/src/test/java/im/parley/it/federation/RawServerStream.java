package im.parley.it.federation;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A peer server played by hand over a plain socket (no TLS: the server under test is configured
 * with {@code s2s.require-tls: false}), for what no real server would send: keys nobody vouches
 * for, stanzas from domains it did not authenticate.
 */
final class RawServerStream implements AutoCloseable {
    private static final int WAIT_MILLIS = 10_000;

    private final Socket socket;
    private final StringBuilder received = new StringBuilder();

    RawServerStream(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(WAIT_MILLIS);
    }

    static RawServerStream connect(int port) throws IOException {
        return new RawServerStream(new Socket("127.0.0.1", port));
    }

    /** The header of a server stream with the dialback namespace. */
    static String header(String from, String to, String id) {
        return "<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:db='jabber:server:dialback'"
                + " xmlns:stream='http://etherx.jabber.org/streams' from='" + from + "'"
                + (to == null ? "" : " to='" + to + "'") + (id == null ? "" : " id='" + id + "'") + " version='1.0'>";
    }

    /**
     * Opens a stream from {@code domain} to {@code to} on the server's {@code port} and asks for
     * dialback with a key; the peer's authoritative server, played on {@code authoritative} (where
     * the server's route for {@code domain} points), answers the server's verification with
     * {@code verdict} on a thread of its own, which the returned future completes with.
     */
    static Dialback dialback(int port, ServerSocket authoritative, String domain, String to, String verdict)
            throws IOException {
        return dialback(port, authoritative, domain, to, verdict, false);
    }

    /** As {@link #dialback(int, ServerSocket, String, String, String)}, asking first for XEP-0288 if {@code bidi}. */
    static Dialback dialback(int port, ServerSocket authoritative, String domain, String to, String verdict,
            boolean bidi) throws IOException {
        CompletableFuture<Void> answered = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                answerVerification(authoritative, domain, to, verdict);
                answered.complete(null);
            } catch (Exception | AssertionError e) {
                answered.completeExceptionally(e);
            }
        });
        RawServerStream peer = connect(port);
        peer.send(header(domain, to, null));
        peer.await("</stream:features>");
        if (bidi) {
            peer.send("<bidi xmlns='urn:xmpp:bidi'/>");
        }
        peer.send("<db:result from='" + domain + "' to='" + to + "'>" + KEY + "</db:result>");
        return new Dialback(peer, answered);
    }

    /** A stream that asked for dialback, and its authoritative server's answer to the verification. */
    record Dialback(RawServerStream peer, CompletableFuture<Void> answered) {
    }

    private static final String KEY = "0123456789abcdef";

    private static void answerVerification(ServerSocket authoritative, String domain, String to, String verdict)
            throws IOException {
        try (RawServerStream verifier = new RawServerStream(authoritative.accept())) {
            verifier.send(header(domain, to, "v1")
                    + "<stream:features><dialback xmlns='urn:xmpp:features:dialback'/></stream:features>");
            Matcher request = verifier.await("<db:verify [^>]*id='([^']*)'[^>]*>" + KEY + "</db:verify>");
            verifier.send("<db:verify from='" + domain + "' to='" + to + "' id='" + request.group(1) + "' type='"
                    + verdict + "'/>");
            verifier.await("</stream:stream>");
        }
    }

    void send(String xml) throws IOException {
        socket.getOutputStream().write(xml.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Reads until what was received matches {@code regex}; returns the match. Fails after 10 s or at the end of input. */
    Matcher await(String regex) throws IOException {
        Pattern pattern = Pattern.compile(regex);
        while (true) {
            Matcher matcher = pattern.matcher(received);
            if (matcher.find()) {
                return matcher;
            }
            read(regex);
        }
    }

    /** Reads until what was received has {@code count} matches of {@code regex}. Fails as {@link #await} does. */
    void await(String regex, int count) throws IOException {
        Pattern pattern = Pattern.compile(regex);
        while (pattern.matcher(received).results().count() < count) {
            read(count + " times " + regex);
        }
    }

    private void read(String awaited) throws IOException {
        byte[] buffer = new byte[8192];
        int n;
        try {
            n = socket.getInputStream().read(buffer);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no " + awaited + " in: " + received, e);
        }
        if (n < 0) {
            throw new AssertionError("closed without " + awaited + " in: " + received);
        }
        received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
    }

    /** The socket, for a test that reads it (or does not) itself. */
    Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
