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
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiPredicate;

/**
 * {@code upload}: N users each get an HTTP File Upload slot (XEP-0363) from {@code service}, then
 * all N PUT their S bytes (each file its own) at once; the figure is MB/s from the first PUT to the
 * last 201. Then all N files are fetched at once with a GET, each checked to be the bytes put
 * (MB/s of the downloads as well). The slot
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

        List<byte[]> files = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            byte[] file = new byte[bytes];
            new Random(i).nextBytes(file);   // each its own bytes: a GET answered with another file fails
            files.add(file);
        }
        double cpuBefore = server == null ? 0 : server.cpuSeconds();
        Phase puts;
        Phase gets;
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(timeoutSeconds)).build()) {
            List<HttpRequest> uploads = new ArrayList<>();
            List<HttpRequest> downloads = new ArrayList<>();
            for (int i = 0; i < paths.size(); i++) {
                URI url = URI.create(httpBase + paths.get(i));
                uploads.add(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(timeoutSeconds))
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(files.get(i))).build());
                downloads.add(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(timeoutSeconds)).GET().build());
            }
            puts = all(http, uploads, HttpResponse.BodyHandlers.discarding(), (i, answer) -> answer.statusCode() == 201);
            gets = all(http, downloads, HttpResponse.BodyHandlers.ofByteArray(),
                    (i, answer) -> answer.statusCode() == 200 && Arrays.equals(answer.body(), files.get(i)));
        }
        double cpuSeconds = server == null ? 0 : server.cpuSeconds() - cpuBefore;
        logins.online().forEach(XmppClient::close);
        return Json.object()
                .put("scenario", "upload")
                .put("uploads", users)
                .put("bytes_each", bytes)
                .put("logins", logins.toJson())
                .put("slots_refused_or_unanswered", logins.online().size() - paths.size())
                .put("created", puts.succeeded)
                .put("seconds", puts.seconds)
                .put("megabytes_per_second", puts.succeeded * (double) bytes / 1e6 / puts.seconds)
                .put("verified", gets.succeeded)
                .put("download_seconds", gets.seconds)
                .put("download_megabytes_per_second", gets.succeeded * (double) bytes / 1e6 / gets.seconds)
                .put("first_errors", errorsJson(puts, gets))
                .put("server_cpu_seconds", server == null ? null : cpuSeconds);
    }

    /** One phase's outcome: requests that succeeded, the first errors, seconds from the first request to the last answer. */
    private record Phase(int succeeded, List<String> errors, double seconds) {
    }

    private static Json errorsJson(Phase... phases) {
        Json array = Json.array();
        for (Phase phase : phases) {
            phase.errors.forEach(array::add);
        }
        return array;
    }

    /** Sends every request at once and counts the answers {@code ok} accepts (given the request's index). */
    private <T> Phase all(HttpClient http, List<HttpRequest> requests, HttpResponse.BodyHandler<T> handler,
            BiPredicate<Integer, HttpResponse<T>> ok) throws InterruptedException {
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<T>>> answers = new ArrayList<>();
        requests.forEach(request -> answers.add(http.sendAsync(request, handler)));
        int succeeded = 0;
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            String error;
            try {
                HttpResponse<T> answer = answers.get(i).get(timeoutSeconds, TimeUnit.SECONDS);
                error = ok.test(i, answer) ? null : answer.request().method() + " HTTP " + answer.statusCode()
                        + (answer.statusCode() == 200 ? " with other bytes" : "");
            } catch (ExecutionException | TimeoutException e) {
                error = e.toString();
            }
            if (error == null) {
                succeeded++;
            } else if (errors.size() < 5) {
                errors.add(error);
            }
        }
        return new Phase(succeeded, errors, (System.nanoTime() - start) / 1e9);
    }

    private String answerOrNull(CompletableFuture<String> answer) throws InterruptedException {
        try {
            return answer.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return null;
        }
    }
}
