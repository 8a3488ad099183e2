package im.parley.bench.scenario;

import im.parley.bench.client.ClientPool;
import im.parley.bench.client.StanzaListener;
import im.parley.bench.client.XmppClient;
import im.parley.bench.metrics.ServerProcess;
import im.parley.bench.report.Json;
import im.parley.xml.Element;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code upload}: N users each get an HTTP File Upload slot (XEP-0363) from {@code service}, then
 * all N PUT their S bytes at once; the figure is MB/s from the first PUT to the last 201. The slot
 * URLs name the XMPP domain; the PUTs go to {@code httpBase} (e.g. {@code http://127.0.0.1:5280})
 * with the URLs' paths, so that the bench needs no DNS name and measures the server, not TLS.
 *
 * @param users parallel uploads (one per user)
 * @param bytes the size of each file
 * @param service the upload service's address (upload.DOMAIN)
 * @param httpBase where the PUTs go
 * @param loginRate logins per second
 * @param timeoutSeconds how long the slots and the uploads may take
 */
public record UploadScenario(int users, int bytes, String service, String httpBase, double loginRate,
        int timeoutSeconds) {
    private static final String NAMESPACE = "urn:xmpp:http:upload:0";

    public Json run(ClientPool pool, ServerProcess server) throws Exception {
        ConcurrentHashMap<Integer, CompletableFuture<String>> slots = new ConcurrentHashMap<>();
        StanzaListener slotAnswers = (client, stanza) -> {
            if (stanza.name().equals("iq") && "slot".equals(stanza.attribute("id"))) {
                Element slot = stanza.child("slot", NAMESPACE);
                Element put = slot == null ? null : slot.child("put", NAMESPACE);
                slots.computeIfAbsent(client.index(), i -> new CompletableFuture<>())
                        .complete(put == null ? null : put.attribute("url"));
            }
        };
        Logins.Result logins = Logins.run(pool, 1, users, loginRate, XmppClient.Purpose.LOGIN, slotAnswers,
                Logins.timeoutSeconds(users, loginRate));
        for (XmppClient client : logins.online()) {
            slots.computeIfAbsent(client.index(), i -> new CompletableFuture<>());
            client.send("<iq type='get' id='slot' to='" + service + "'><request xmlns='" + NAMESPACE
                    + "' filename='bench-" + client.index() + ".bin' size='" + bytes
                    + "' content-type='application/octet-stream'/></iq>");
        }
        List<String> paths = new ArrayList<>();
        for (XmppClient client : logins.online()) {
            String url = answerOrNull(slots.get(client.index()));
            if (url != null) {
                paths.add(URI.create(url).getRawPath());
            }
        }

        byte[] payload = new byte[bytes];
        new Random(1).nextBytes(payload);
        double cpuBefore = server == null ? 0 : server.cpuSeconds();
        int created = 0;
        List<String> errors = new ArrayList<>();
        long start = System.nanoTime();
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(timeoutSeconds)).build()) {
            List<CompletableFuture<HttpResponse<Void>>> puts = new ArrayList<>();
            for (String path : paths) {
                puts.add(http.sendAsync(HttpRequest.newBuilder(URI.create(httpBase + path))
                        .timeout(Duration.ofSeconds(timeoutSeconds))
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(payload)).build(),
                        HttpResponse.BodyHandlers.discarding()));
            }
            for (CompletableFuture<HttpResponse<Void>> put : puts) {
                try {
                    int status = put.get(timeoutSeconds, TimeUnit.SECONDS).statusCode();
                    if (status == 201) {
                        created++;
                    } else if (errors.size() < 5) {
                        errors.add("HTTP " + status);
                    }
                } catch (Exception e) {
                    if (errors.size() < 5) {
                        errors.add(e.toString());
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        logins.online().forEach(XmppClient::close);
        Json errorList = Json.array();
        errors.forEach(errorList::add);
        return Json.object()
                .put("scenario", "upload")
                .put("uploads", users)
                .put("bytes_each", bytes)
                .put("logins", logins.toJson())
                .put("slots_refused_or_unanswered", logins.online().size() - paths.size())
                .put("created", created)
                .put("first_errors", errorList)
                .put("seconds", seconds)
                .put("megabytes_per_second", created * (double) bytes / 1e6 / seconds)
                .put("server_cpu_seconds", server == null ? null : server.cpuSeconds() - cpuBefore);
    }

    private String answerOrNull(CompletableFuture<String> answer) throws InterruptedException {
        try {
            return answer.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return null;
        }
    }
}
