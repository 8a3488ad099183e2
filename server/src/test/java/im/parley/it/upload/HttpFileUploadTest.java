package im.parley.it.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.testkit.Login;
import im.parley.testkit.ParleyExtension;
import im.parley.testkit.RecordingClient;
import im.parley.testkit.ServerConfig;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.net.ssl.SSLContext;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.httpfileupload.HttpFileUploadManager;
import org.jivesoftware.smackx.httpfileupload.element.FileTooLargeError;
import org.jivesoftware.smackx.httpfileupload.element.Slot;
import org.jivesoftware.smackx.httpfileupload.element.SlotRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * HTTP File Upload (XEP-0363) with Smack's {@link HttpFileUploadManager} over HTTPS, the bytes
 * fetched back with the JDK's HTTP client; then each abuse, refused: a file over the limit, a slot
 * that was never given or is used twice, an expired slot, a path in the name or the URL, the quota,
 * too many unused slots, a body of another length or type than the slot's.
 */
class HttpFileUploadTest {
    private static final int MAX = 1 << 20;

    @RegisterExtension
    final ParleyExtension parley = new ParleyExtension().users("alice", "bob")
            .config("upload:\n  max-file-size: 1 MiB\n  quota: 2 MiB\n  max-pending-slots: 3\n");
    @Login("alice/desk")
    RecordingClient alice;

    private HttpFileUploadManager uploads() throws Exception {
        HttpFileUploadManager manager = HttpFileUploadManager.getInstanceFor(alice.connection());
        assertThat(manager.discoverUploadService()).isTrue();
        assertThat(manager.getDefaultUploadService().getAddress().toString()).isEqualTo("upload.localhost");
        assertThat(manager.getDefaultUploadService().getMaxFileSize()).isEqualTo(MAX);
        manager.setTlsContext(tls());
        return manager;
    }

    private SSLContext tls() throws Exception {
        return parley.server().sslContext();
    }

    private HttpClient http() throws Exception {
        return HttpClient.newBuilder().sslContext(tls()).build();
    }

    @Test
    void smackUploadsAndTheSameBytesComeBackWithSafeHeaders() throws Exception {
        // Over BodyStream's high-water mark, so that reading pauses and resumes on the way.
        byte[] bytes = new byte[700_000];
        new Random(7).nextBytes(bytes);
        URL url = uploads().uploadFile(new ByteArrayInputStream(bytes), "très cool.bin", bytes.length);
        assertThat(url.toString()).startsWith("https://localhost:" + parley.server().server().httpsPort() + "/upload/")
                .endsWith("/tr%C3%A8s%20cool.bin");
        HttpResponse<byte[]> got = http().send(HttpRequest.newBuilder(url.toURI()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(bytes);
        assertThat(got.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(got.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(got.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).startsWith("default-src 'none'"));
        assertThat(got.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename*=UTF-8''tr%C3%A8s%20cool.bin");

        // A picture is shown inline, still under the policy.
        Slot slot = uploads().requestSlot("cat.png", 3, "image/png");
        assertThat(put(slot, new byte[] {1, 2, 3}, "image/png").statusCode()).isEqualTo(201);
        HttpResponse<byte[]> picture = http().send(HttpRequest.newBuilder(slot.getGetUrl().toURI()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(picture.headers().firstValue("Content-Disposition")).hasValue("inline; filename*=UTF-8''cat.png");
        assertThat(picture.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void aFileOverTheLimitIsRefusedWithTheLimit() throws Exception {
        uploads();
        // Smack checks the announced limit itself: the request is sent as a client that did not look would.
        SlotRequest request = new SlotRequest(JidCreate.domainBareFrom("upload.localhost"), "big.iso", MAX + 1L);
        assertThatThrownBy(() -> alice.connection().sendIqRequestAndWaitForResponse(request)).isInstanceOfSatisfying(
                XMPPException.XMPPErrorException.class, e -> {
                    assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
                    assertThat(e.getStanzaError().getType()).isEqualTo(StanzaError.Type.MODIFY);
                    FileTooLargeError tooLarge = e.getStanzaError().getExtension(FileTooLargeError.ELEMENT,
                            FileTooLargeError.NAMESPACE);
                    assertThat(tooLarge.getMaxFileSize()).isEqualTo(MAX);
                });
    }

    @Test
    void aSlotNeverGivenOrUsedTwiceIsRefused() throws Exception {
        Slot slot = uploads().requestSlot("note.txt", 5, "text/plain");
        String made = slot.getPutUrl().toString().replaceFirst("/upload/[^/]+/", "/upload/"
                + "A".repeat(32) + "/");
        assertThat(put(URI.create(made), "hello".getBytes(StandardCharsets.UTF_8), "text/plain").statusCode())
                .isEqualTo(403);
        assertThat(put(slot, "hello".getBytes(StandardCharsets.UTF_8), "text/plain").statusCode()).isEqualTo(201);
        assertThat(put(slot, "bye!!".getBytes(StandardCharsets.UTF_8), "text/plain").statusCode()).isEqualTo(403);
        assertThat(http().send(HttpRequest.newBuilder(slot.getGetUrl().toURI()).build(),
                HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("hello");
    }

    @Test
    @ServerConfig("upload:\n  slot-lifetime-seconds: 1\n")
    void anExpiredSlotIsRefused() throws Exception {
        Slot slot = uploads().requestSlot("late.txt", 4, "text/plain");
        Thread.sleep(1_500);
        assertThat(put(slot, "late".getBytes(StandardCharsets.UTF_8), "text/plain").statusCode()).isEqualTo(403);
    }

    @Test
    void aPathInTheNameOrTheUrlReachesNothing() throws Exception {
        HttpFileUploadManager uploads = uploads();
        for (String name : new String[] {"../../etc/passwd", "..", "/etc/passwd", "dir\\file.txt"}) {
            assertThatThrownBy(() -> uploads.requestSlot(name, 4)).as(name).isInstanceOfSatisfying(
                    XMPPException.XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition())
                            .isEqualTo(StanzaError.Condition.bad_request));
        }
        Slot slot = uploads.requestSlot("ok.txt", 4, "text/plain");
        String secret = slot.getPutUrl().getPath().split("/")[2];
        int port = parley.server().server().httpPort();
        for (String path : new String[] {"/upload/../../etc/passwd", "/upload/" + secret + "/..%2F..%2Fetc%2Fpasswd",
                "/upload/" + secret + "/%2e%2e", "/upload/%2e%2e/%2e%2e/etc/passwd", "/upload//etc/passwd",
                "/upload/" + secret + "/ok.txt/../../x"}) {
            assertThat(rawStatus(port, "PUT " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\n"
                    + "Content-Type: text/plain\r\nConnection: close\r\n\r\nevil")).as(path).isEqualTo(404);
            assertThat(rawStatus(port, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                    .as(path).isEqualTo(404);
        }
        // The slot itself is untouched by those.
        assertThat(put(slot, "fine".getBytes(StandardCharsets.UTF_8), "text/plain").statusCode()).isEqualTo(201);
    }

    @Test
    void theQuotaAndTheUnusedSlotsAreBounded() throws Exception {
        HttpFileUploadManager uploads = uploads();
        Slot first = uploads.requestSlot("a.bin", MAX);
        byte[] full = new byte[MAX];
        assertThat(put(first, full, "application/octet-stream").statusCode()).isEqualTo(201);
        uploads.requestSlot("b.bin", MAX);
        // 1 MiB stored and 1 MiB reserved: the 2 MiB quota is reached.
        assertThatThrownBy(() -> uploads.requestSlot("c.bin", 1)).isInstanceOfSatisfying(
                XMPPException.XMPPErrorException.class, e -> {
                    assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.resource_constraint);
                    assertThat(e.getStanzaError().getType()).isEqualTo(StanzaError.Type.WAIT);
                    assertThat(e.getStanzaError().toXML().toString()).contains("<retry xmlns='urn:xmpp:http:upload:0'");
                });

        HttpFileUploadManager bobs = HttpFileUploadManager.getInstanceFor(parley.login("bob", "phone").connection());
        bobs.discoverUploadService();
        for (int i = 0; i < 3; i++) {
            bobs.requestSlot("s" + i + ".txt", 1);
        }
        assertThatThrownBy(() -> bobs.requestSlot("s3.txt", 1)).isInstanceOfSatisfying(
                XMPPException.XMPPErrorException.class, e -> {
                    assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.resource_constraint);
                    assertThat(e.getStanzaError().getType()).isEqualTo(StanzaError.Type.WAIT);
                });
    }

    @Test
    void aBodyOfAnotherLengthOrTypeThanTheSlotsIsRefused() throws Exception {
        HttpFileUploadManager uploads = uploads();
        Slot longer = uploads.requestSlot("ten.txt", 10, "text/plain");
        assertThat(put(longer, new byte[11], "text/plain").statusCode()).isEqualTo(400);
        Slot shorter = uploads.requestSlot("ten.txt", 10, "text/plain");
        assertThat(put(shorter, new byte[9], "text/plain").statusCode()).isEqualTo(400);
        Slot typed = uploads.requestSlot("ten.txt", 10, "text/plain");
        assertThat(put(typed, new byte[10], "text/html").statusCode()).isEqualTo(415);
        assertThat(http().send(HttpRequest.newBuilder(typed.getGetUrl().toURI()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
    }

    @Test
    void aWebPageOfAnyOriginMayUpload() throws Exception {
        Slot slot = uploads().requestSlot("web.txt", 2, "text/plain");
        HttpResponse<Void> preflight = http().send(HttpRequest.newBuilder(slot.getPutUrl().toURI())
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://web.example")
                .header("Access-Control-Request-Method", "PUT").build(), HttpResponse.BodyHandlers.discarding());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("PUT").contains("GET"));
    }

    private HttpResponse<Void> put(Slot slot, byte[] body, String type) throws Exception {
        return put(slot.getPutUrl().toURI(), body, type);
    }

    /** A PUT whose Content-Length is the body's, whatever the slot said. */
    private HttpResponse<Void> put(URI url, byte[] body, String type) throws Exception {
        return http().send(HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", type).build(), HttpResponse.BodyHandlers.discarding());
    }

    /**
     * A PUT refused at its head while its body still comes is answered, and the client reads the
     * answer: the listener reads the body and drops it before closing (a close with unread input
     * resets the connection under the client's upload).
     */
    @Test
    void aRefusedUploadIsAnsweredWhileItsBodyStillComes() throws Exception {
        Slot slot = uploads().requestSlot("big.bin", 5, "application/octet-stream");
        String made = slot.getPutUrl().toString().replaceFirst("/upload/[^/]+/", "/upload/" + "A".repeat(32) + "/");
        for (int i = 0; i < 5; i++) {
            assertThat(put(URI.create(made), new byte[2 << 20], "application/octet-stream").statusCode()).isEqualTo(403);
        }
    }

    /** A request written as it is (no client normalizes its path) to the plain port; the answer's status. */
    private static int rawStatus(int port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }
}
