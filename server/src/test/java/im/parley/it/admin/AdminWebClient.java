package im.parley.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * A browser of the web admin page over a real HTTP socket (java.net.http): it keeps the cookies the
 * server sets, as a browser would for the page's path, and reads the CSRF token from each form.
 */
public final class AdminWebClient {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final HttpClient http;
    private final String base;
    /** The cookies set so far, by name. */
    final Map<String, String> cookies = new LinkedHashMap<>();

    /** Over plain HTTP. */
    public AdminWebClient(int port) {
        this(HttpClient.newHttpClient(), "http://127.0.0.1:" + port);
    }

    /** Over HTTPS, trusting the server's certificate. */
    AdminWebClient(int tlsPort, SSLContext tls) {
        this(HttpClient.newBuilder().sslContext(tls).build(), "https://localhost:" + tlsPort);
    }

    private AdminWebClient(HttpClient http, String base) {
        this.http = http;
        this.base = base;
    }

    HttpResponse<String> get(String path) throws Exception {
        return keepCookies(http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Posts a form ({@code name, value, ...}), urlencoded. */
    HttpResponse<String> post(String path, String... fields) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return keepCookies(http.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Opens the login page and logs in; returns the login's answer. */
    HttpResponse<String> logIn(String jid, String password) throws Exception {
        String csrf = csrf(get("/admin/login"));
        return post("/admin/login", "csrf", csrf, "jid", jid, "password", password);
    }

    /** Logs in, which must work. */
    public AdminWebClient loggedIn(String jid, String password) throws Exception {
        HttpResponse<String> answer = logIn(jid, password);
        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(cookies).containsKey("parley_admin");
        return this;
    }

    /** Submits a form of {@code page} to {@code action} with the page's CSRF token. */
    public HttpResponse<String> submit(String page, String action, String... fields) throws Exception {
        String[] all = new String[fields.length + 2];
        all[0] = "csrf";
        all[1] = csrf(get(page));
        System.arraycopy(fields, 0, all, 2, fields.length);
        return post(action, all);
    }

    static String csrf(HttpResponse<String> page) {
        Matcher matcher = CSRF.matcher(page.body());
        assertThat(matcher.find()).as("a form with a CSRF token in %s", page.body()).isTrue();
        return matcher.group(1);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        if (!cookies.isEmpty()) {
            builder.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        return builder;
    }

    private HttpResponse<String> keepCookies(HttpResponse<String> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            if (header.contains("Max-Age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return response;
    }
}
