package im.parley.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundled web client: Converse.js, which the build takes from the npm registry (package
 * {@code converse.js}, its prebuilt {@code dist/}, checked against its integrity hash) into the
 * jar under {@code web/converse/}, served at {@code /converse/<version>/}, and at {@code /} a page
 * that starts it on this server's own WebSocket endpoint and domain. Assets are read on virtual
 * threads (a jar read is I/O) and cached by browsers for good: their path names the version.
 */
public final class WebClient {
    /** Where the assets are served: under the version the build bundled (server/pom.xml, {@code converse.version}). */
    private static final String ASSETS = "/converse/" + bundledVersion() + "/";
    private static final String RESOURCES = "/web/converse/";
    private static final String OMEMO_WASM = "curve25519_compiled.wasm";
    /** A relative asset path: no "..", no encoded characters, nothing but what the bundle's names use. */
    private static final Pattern ASSET = Pattern.compile("(?!.*\\.\\.)[A-Za-z0-9_./-]+");
    private static final Map<String, String> TYPES = Map.ofEntries(Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("json", "application/json"),
            Map.entry("wasm", "application/wasm"), Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"), Map.entry("woff2", "font/woff2"), Map.entry("woff", "font/woff"),
            Map.entry("ttf", "font/ttf"), Map.entry("mp3", "audio/mpeg"), Map.entry("ogg", "audio/ogg"),
            Map.entry("html", "text/html; charset=utf-8"));
    private static final Logger log = LoggerFactory.getLogger(WebClient.class);

    private final String index;

    private WebClient(String index) {
        this.index = index;
    }

    /** Serves the client at {@code /} for {@code domain}, connecting to the WebSocket endpoint at {@code webSocketPath}. */
    public static void addTo(HttpRoutes routes, String domain, String webSocketPath) {
        WebClient client = new WebClient(template().replace("{{ASSETS}}", ASSETS).replace("{{DOMAIN}}", domain)
                .replace("{{WEBSOCKET_PATH}}", webSocketPath));
        routes.add("/", Set.of(HttpMethod.GET), false, client::page);
        routes.add(ASSETS, Set.of(HttpMethod.GET), false, client::asset);
        // OMEMO's library fetches its WebAssembly from the page's directory, not from assets_path.
        routes.add("/" + OMEMO_WASM, Set.of(HttpMethod.GET), false,
                (ctx, request) -> client.serve(ctx, request, OMEMO_WASM));
    }

    private static String bundledVersion() {
        try (InputStream in = WebClient.class.getResourceAsStream("/im/parley/version.properties")) {
            Properties build = new Properties();
            build.load(in);
            return build.getProperty("converse");
        } catch (IOException e) {
            throw new UncheckedIOException("the build's version.properties is missing from the jar", e);
        }
    }

    private static String template() {
        try (InputStream in = WebClient.class.getResourceAsStream("/web/index.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the web client's page is missing from the jar", e);
        }
    }

    /** The page at {@code /}; any other path that no route takes is 404. */
    private void page(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!new QueryStringDecoder(request.uri()).rawPath().equals("/")) {
            Responses.send(ctx, request, Responses.status(HttpResponseStatus.NOT_FOUND));
            return;
        }
        FullHttpResponse response = Responses.text(request, HttpResponseStatus.OK, TYPES.get("html"), index);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .set("X-Frame-Options", "DENY")
                .set("Referrer-Policy", "no-referrer");
        Responses.send(ctx, request, response);
    }

    private void asset(ChannelHandlerContext ctx, FullHttpRequest request) {
        serve(ctx, request, new QueryStringDecoder(request.uri()).rawPath().substring(ASSETS.length()));
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        String type = TYPES.get(path.substring(path.lastIndexOf('.') + 1));
        if (!ASSET.matcher(path).matches() || type == null) {
            Responses.send(ctx, request, Responses.status(HttpResponseStatus.NOT_FOUND));
            return;
        }
        HttpRequest head = new DefaultHttpRequest(request.protocolVersion(),
                request.method(), request.uri(), request.headers().copy());
        Thread.ofVirtual().name("web-asset").start(() -> Responses.send(ctx, head, read(head, path, type)));
    }

    private static FullHttpResponse read(HttpRequest request, String path, String type) {
        try (InputStream in = WebClient.class.getResourceAsStream(RESOURCES + path)) {
            if (in == null) {
                return Responses.status(HttpResponseStatus.NOT_FOUND);
            }
            FullHttpResponse response = Responses.bytes(request, HttpResponseStatus.OK, type,
                    Unpooled.wrappedBuffer(in.readAllBytes()));
            response.headers().set(HttpHeaderNames.CACHE_CONTROL, "public, max-age=31536000, immutable");
            return response;
        } catch (IOException e) {
            log.warn("Could not read web client asset {}: {}", path, e.toString());
            return Responses.status(HttpResponseStatus.INTERNAL_SERVER_ERROR);
        }
    }
}
