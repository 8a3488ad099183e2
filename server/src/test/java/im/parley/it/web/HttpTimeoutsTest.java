package im.parley.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.ParleyExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HTTP listener's idle timeout (1 s here) over raw sockets: a connection that sends nothing,
 * stops within a request (its head or its body) or stays silent after an answer is closed; a body
 * that comes slowly but steadily, and a BOSH request held for its {@code wait} (3 s) on the same
 * connection, are not.
 */
class HttpTimeoutsTest {
    private static final Pattern SID = Pattern.compile("sid=['\"]([^'\"]+)['\"]");
    /** A BOSH session creation request (XEP-0124 §7), ASCII only. */
    private static final String CREATION = "<body xmlns='" + RawBosh.NS + "' xmlns:xmpp='" + RawBosh.XBOSH
            + "' rid='1000' to='localhost' wait='3' hold='1' ver='1.6' xmpp:version='1.0'/>";
    @RegisterExtension
    static final ParleyExtension parley = new ParleyExtension().config("http:\n  idle-timeout-seconds: 1\n");

    private static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", parley.server().server().httpPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Waits for the server to close the connection; returns how long that took. */
    private static long closedAfterMillis(Socket socket) throws IOException {
        long start = System.nanoTime();
        assertThat(socket.getInputStream().read()).isEqualTo(-1);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Reads one response with a Content-Length; returns its status line and body. */
    private static String response(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("the connection closed before the answer's head").isNotEqualTo(-1);
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(headers);
        assertThat(length.find()).isTrue();
        byte[] body = in.readNBytes(Integer.parseInt(length.group(1)));
        return headers.substring(0, headers.indexOf("\r\n")) + "\n" + new String(body, StandardCharsets.UTF_8);
    }

    private static String post(String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml; charset=utf-8\r\n"
                + "Content-Length: " + bytes.length + "\r\n\r\n" + body;
    }

    @Test
    void aConnectionThatSendsNothingIsClosed() throws Exception {
        try (Socket socket = connect()) {
            assertThat(closedAfterMillis(socket)).isBetween(500L, 5_000L);
        }
    }

    @Test
    void aRequestThatStopsHalfwayIsClosed() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "GET /.well-known/host-meta HTTP/1.1\r\nHost: localhost\r\n");
            assertThat(closedAfterMillis(socket)).isLessThan(5_000L);
        }
    }

    @Test
    void aBodyThatStallsIsClosed() throws Exception {
        try (Socket socket = connect()) {
            String request = post("/http-bind", CREATION);
            send(socket, request.substring(0, request.length() - CREATION.length() / 2));
            assertThat(closedAfterMillis(socket)).isBetween(500L, 5_000L);
        }
    }

    /** A body refused at its head (413) is read and dropped before the close, but not waited for forever. */
    @Test
    void aRefusedBodyThatStallsIsClosed() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "POST /http-bind HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml\r\n"
                    + "Content-Length: 10000000\r\n\r\n");
            assertThat(response(socket)).startsWith("HTTP/1.1 413");
            assertThat(closedAfterMillis(socket)).isBetween(500L, 5_000L);
        }
    }

    /** Each piece comes within the timeout, the whole body over more than twice it: read whole and answered. */
    @Test
    void aSlowButSteadyBodyIsNotCut() throws Exception {
        try (Socket socket = connect()) {
            String request = post("/http-bind", CREATION);
            int head = request.length() - CREATION.length();
            send(socket, request.substring(0, head));
            int pieces = 8;
            for (int i = 0; i < pieces; i++) {
                Thread.sleep(300);
                send(socket, request.substring(head + CREATION.length() * i / pieces, head + CREATION.length() * (i + 1) / pieces));
            }
            assertThat(response(socket)).startsWith("HTTP/1.1 200").contains("sid=");
        }
    }

    @Test
    void aKeptAliveConnectionIsClosedWhenSilentAfterItsAnswer() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "GET /.well-known/host-meta HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(response(socket)).startsWith("HTTP/1.1 200");
            assertThat(closedAfterMillis(socket)).isBetween(500L, 5_000L);
        }
    }

    @Test
    void aBoshRequestHeldForItsWaitIsAnsweredOnTheSameConnection() throws Exception {
        try (Socket socket = connect()) {
            send(socket, post("/http-bind", CREATION));
            String created = response(socket);
            assertThat(created).startsWith("HTTP/1.1 200");
            Matcher sid = SID.matcher(created);
            assertThat(sid.find()).isTrue();

            long start = System.nanoTime();
            send(socket, post("/http-bind", "<body xmlns='" + RawBosh.NS + "' rid='1001' sid='" + sid.group(1) + "'/>"));
            assertThat(response(socket)).startsWith("HTTP/1.1 200");
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(2_500L);
        }
    }
}
