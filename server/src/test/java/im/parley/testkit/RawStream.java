package im.parley.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Bytes written to a server's client port over a plain socket, and what it answers: for input no client library would send. */
public final class RawStream {
    /** The opening of a client stream to the test server's domain. */
    public static final String HEADER = "<?xml version='1.0'?><stream:stream to='localhost' version='1.0' "
            + "xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";

    private RawStream() {
    }

    /**
     * Writes the input and returns everything the server writes until it closes its stream; fails
     * if it does not within {@code timeout}.
     */
    public static String untilClosed(int port, String input, Duration timeout) throws IOException {
        return exchange(port, input, timeout, true);
    }

    /** Writes the input and returns everything the server writes until it closes its stream or is silent for {@code quiet}. */
    public static String untilQuiet(int port, String input, Duration quiet) throws IOException {
        return exchange(port, input, quiet, false);
    }

    private static String exchange(int port, String input, Duration timeout, boolean expectClose) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(input.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                // The server may close before it has read everything (e.g. an oversized stanza).
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                // Until the server's closing tag: it then waits for ours (RFC 6120 §4.4) before closing the socket.
                for (int n; !received.toString(StandardCharsets.UTF_8).endsWith("</stream:stream>")
                        && (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                if (expectClose) {
                    throw e;
                }
            } catch (SocketException e) {
                // connection reset after the server closed: what was read is the answer
            }
            return received.toString(StandardCharsets.UTF_8);
        }
    }
}
