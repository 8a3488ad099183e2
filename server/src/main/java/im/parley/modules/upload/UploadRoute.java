package im.parley.modules.upload;

import im.parley.http.BodyHandler;
import im.parley.http.BodyStream;
import im.parley.http.HttpHandler;
import im.parley.http.Responses;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of XEP-0363 at {@code /upload/<secret>/<name>}: a PUT uses its slot (once, before
 * it expires, with exactly the length and type the slot was given for) and streams the body to the
 * {@link FileStore}, answering 201 once it is stored; a GET or HEAD serves a stored file with
 * headers that keep a browser from running it. The secret alone names the file in the store, so
 * nothing in a URL can reach another path; a URL of any other shape is 404. The store is read and
 * written on virtual threads, never on the event loop.
 */
final class UploadRoute implements BodyHandler, HttpHandler {
    /** {@code <secret>/<name>}: the secret as {@link Slots} makes it, the name one path segment. */
    private static final Pattern TARGET = Pattern.compile("([A-Za-z0-9_-]{32})/([^/]+)");
    private static final String DEFAULT_TYPE = "application/octet-stream";
    private static final int CHUNK = 64 * 1024;
    private static final Logger log = LoggerFactory.getLogger(UploadRoute.class);

    /** A URL's secret and decoded file name. */
    private record Target(String id, String name) {
    }

    private final Slots slots;
    private final UploadedFiles files;
    private final FileStore store;
    private final Clock clock;

    UploadRoute(Slots slots, UploadedFiles files, Clock clock) {
        this.slots = slots;
        this.files = files;
        this.store = files.store();
        this.clock = clock;
    }

    /** A PUT (XEP-0363 §5). */
    @Override
    public Sink open(ChannelHandlerContext ctx, HttpRequest request) {
        Target target = target(request.uri());
        Slots.Slot slot = target == null ? null : slots.take(target.id(), clock.instant());
        String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        HttpResponseStatus refusal;
        if (target == null) {
            refusal = HttpResponseStatus.NOT_FOUND;
        } else if (slot == null || !slot.name().equals(target.name())) {
            refusal = HttpResponseStatus.FORBIDDEN;
        } else if (!HttpUtil.isContentLengthSet(request)) {
            refusal = HttpResponseStatus.LENGTH_REQUIRED;
        } else if (HttpUtil.getContentLength(request, -1L) != slot.size()) {
            refusal = HttpResponseStatus.BAD_REQUEST;
        } else if (slot.contentType() != null && (type == null
                || !UploadConfig.mediaType(type).equals(UploadConfig.mediaType(slot.contentType())))) {
            refusal = HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE;
        } else {
            return store(ctx, request, slot, slot.contentType() != null ? slot.contentType() : type == null ? DEFAULT_TYPE : type);
        }
        log.info("Upload from {} to {} refused: {} (a slot is used once, within its lifetime, with its length and type)",
                ctx.channel().remoteAddress(), request.uri(), refusal);
        Responses.refuse(ctx, Responses.status(refusal));
        return null;
    }

    private Sink store(ChannelHandlerContext ctx, HttpRequest request, Slots.Slot slot, String type) {
        BodyStream body = new BodyStream(ctx.channel());
        Thread.ofVirtual().name("upload-put").start(() -> {
            try (body) {
                store.write(slot.id(), body, slot.size());
                files.add(new StoredFile(slot.id(), slot.owner(), slot.name(), type, slot.size(), clock.instant()));
                log.debug("{} stored {} ({} bytes)", slot.owner(), slot.name(), slot.size());
                Responses.send(ctx, request, Responses.status(HttpResponseStatus.CREATED));
            } catch (IOException | RuntimeException e) {
                log.info("Upload of {} by {} failed: {}", slot.name(), slot.owner(), e.toString());
                files.delete(slot.id());
                if (ctx.channel().isActive()) {
                    Responses.sendAndClose(ctx, Responses.status(HttpResponseStatus.INTERNAL_SERVER_ERROR));
                }
            }
        });
        return body;
    }

    /** A GET or HEAD. */
    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        Target target = target(request.uri());
        if (target == null) {
            Responses.send(ctx, request, Responses.status(HttpResponseStatus.NOT_FOUND));
            return;
        }
        boolean head = request.method().equals(HttpMethod.HEAD);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        Thread.ofVirtual().name("upload-get").start(() -> serve(ctx, target, head, keepAlive));
    }

    private void serve(ChannelHandlerContext ctx, Target target, boolean head, boolean keepAlive) {
        try {
            StoredFile file = files.find(target.id());
            InputStream in = file == null || !file.name().equals(target.name()) ? null : store.read(target.id());
            if (in == null) {
                Responses.send(ctx, Responses.status(HttpResponseStatus.NOT_FOUND), keepAlive);
                return;
            }
            try (in) {
                HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                safeHeaders(response.headers(), file);
                HttpUtil.setKeepAlive(response, keepAlive);
                ctx.write(response);
                byte[] buffer = new byte[CHUNK];
                int n;
                while (!head && (n = in.readNBytes(buffer, 0, CHUNK)) > 0) {
                    // One chunk in flight at a time: a slow reader slows this thread, not the heap.
                    ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(buffer, 0, n))).sync();
                }
                ChannelFuture end = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                if (!keepAlive) {
                    end.addListener(ChannelFutureListener.CLOSE);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.info("Serving upload {} failed: {}", target.id(), e.toString());
            ctx.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.close();
        }
    }

    /**
     * The file as a download that no browser runs (XEP-0363 §8): its own type but never sniffed, a
     * policy that forbids any script, plug-in or frame, and shown inline only when it is a picture,
     * sound or video (not SVG, which can hold script).
     */
    static void safeHeaders(HttpHeaders headers, StoredFile file) {
        String type = UploadConfig.mediaType(file.contentType());
        boolean inline = (type.startsWith("image/") || type.startsWith("audio/") || type.startsWith("video/"))
                && !type.contains("svg");
        headers.set(HttpHeaderNames.CONTENT_TYPE, file.contentType())
                .set(HttpHeaderNames.CONTENT_LENGTH, file.size())
                .set(HttpHeaderNames.CONTENT_DISPOSITION, (inline ? "inline" : "attachment") + "; filename*=UTF-8''"
                        + UploadModule.encode(file.name()))
                .set("X-Content-Type-Options", "nosniff")
                .set(HttpHeaderNames.CONTENT_SECURITY_POLICY, "default-src 'none'; frame-ancestors 'none'; sandbox")
                .set(HttpHeaderNames.CACHE_CONTROL, "private, max-age=86400, immutable");
    }

    /** The secret and name of a URL under {@code /upload/}, or null when it is not of that shape. */
    private static Target target(String uri) {
        String path = new QueryStringDecoder(uri).rawPath();
        if (!path.startsWith(UploadModule.PATH)) {
            return null;
        }
        Matcher m = TARGET.matcher(path.substring(UploadModule.PATH.length()));
        if (!m.matches()) {
            return null;
        }
        try {
            // '+' is a plus in a path (only a query takes it for a space).
            String name = URLDecoder.decode(m.group(2).replace("+", "%2B"), StandardCharsets.UTF_8);
            return UploadModule.plainName(name) ? new Target(m.group(1), name) : null;
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
