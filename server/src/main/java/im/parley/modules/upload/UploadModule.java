package im.parley.modules.upload;

import im.parley.http.HttpService;
import im.parley.module.Hosts;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.module.Origin;
import im.parley.module.ServiceDomain;
import im.parley.module.StanzaSender;
import im.parley.xml.Element;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP File Upload (XEP-0363): {@code upload.<host>} gives the hosts' users slots, a PUT and a
 * GET URL with a secret in it, within the limits ({@link UploadConfig}); the bytes go through the
 * HTTP listener ({@link UploadRoute}) to the {@link FileStore}, and {@link FileExpiry} removes
 * them when their time is up.
 */
public final class UploadModule implements Module {
    public static final String NAMESPACE = "urn:xmpp:http:upload:0";
    /** The URL path under which files are put and got. */
    static final String PATH = "/upload/";
    private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    private static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
    private static final String NAME = "HTTP File Upload";
    /** The longest file name, in characters (file systems' usual limit). */
    private static final int MAX_NAME = 255;
    private static final Logger log = LoggerFactory.getLogger(UploadModule.class);

    private final UploadConfig config;
    private final Slots slots;
    private final UploadedFiles files;
    private final HttpService http;
    private final Clock clock;
    private final FileExpiry expiry;
    private StanzaSender out;
    private Hosts hosts;

    UploadModule(UploadConfig config, Slots slots, UploadedFiles files, HttpService http, Clock clock, FileExpiry expiry) {
        this.config = config;
        this.slots = slots;
        this.files = files;
        this.http = http;
        this.clock = clock;
        this.expiry = expiry;
    }

    @Override
    public void start(ModuleContext context) {
        out = context.stanzas();
        hosts = context.hosts();
        context.serviceDomain(config.subdomain(), NAME, this::handle);
        expiry.start();
    }

    @Override
    public void stop() {
        expiry.stop();
    }

    private void handle(Stanza stanza, Origin origin) {
        if (!ServiceDomain.isRequest(stanza, out)) {
            return;
        }
        Element payload = stanza.payload();
        boolean get = stanza.type().equals("get");
        if (stanza.to().local() != null || payload == null || payload.attribute("node") != null) {
            out.route(stanza.error(StanzaError.SERVICE_UNAVAILABLE));
        } else if (get && payload.is("query", DISCO_INFO)) {
            out.route(stanza.result(discoInfo()));
        } else if (get && payload.is("query", DISCO_ITEMS)) {
            out.route(stanza.result(Element.of("query", DISCO_ITEMS)));
        } else if (get && payload.is("request", NAMESPACE)) {
            out.route(slot(stanza, payload));
        } else {
            out.route(stanza.error(StanzaError.SERVICE_UNAVAILABLE));
        }
    }

    /** §2: the identity, the feature, and the largest file size as an extended form (XEP-0128). */
    private Element discoInfo() {
        DataForm form = DataForm.of(DataForm.Type.RESULT, null, List.of(DataForm.Field.formType(NAMESPACE),
                DataForm.Field.of("max-file-size", null, null, Long.toString(config.maxFileSize()))));
        return Element.builder("query", DISCO_INFO)
                .child(Element.builder("identity", DISCO_INFO).attribute("category", "store").attribute("type", "file")
                        .attribute("name", NAME).build())
                .child(Element.builder("feature", DISCO_INFO).attribute("var", DISCO_INFO).build())
                .child(Element.builder("feature", DISCO_INFO).attribute("var", NAMESPACE).build())
                .child(form.toElement()).build();
    }

    /** §3: a slot, or the error that says why not (§4). */
    private Stanza slot(Stanza iq, Element request) {
        if (iq.from() == null || !hosts.isAccount(iq.from())) {
            return iq.error(StanzaError.FORBIDDEN, "This service stores files for the accounts of this server");
        }
        String name = request.attribute("filename");
        long size = parseSize(request.attribute("size"));
        String contentType = request.attribute("content-type");
        if (name == null || size < 0 || contentType != null && contentType.isBlank()) {
            return iq.error(StanzaError.BAD_REQUEST, "A slot request needs a filename and a size in bytes");
        }
        if (!plainName(name)) {
            log.info("{} asked for an upload slot for the file name '{}': refused", iq.from(), name);
            return iq.error(StanzaError.BAD_REQUEST, "The file name must be a name only, without a path");
        }
        if (size > config.maxFileSize()) {
            return iq.error(StanzaError.NOT_ACCEPTABLE, "File too large. The maximum file size is "
                    + config.maxFileSize() + " bytes", List.of(Element.builder("file-too-large", NAMESPACE)
                    .textChild("max-file-size", Long.toString(config.maxFileSize())).build()));
        }
        if (!config.allows(contentType)) {
            return iq.error(StanzaError.NOT_ACCEPTABLE, "Files of this type are not accepted: allowed are "
                    + String.join(", ", config.contentTypes()));
        }
        Instant now = clock.instant();
        return switch (slots.reserve(iq.from().bare(), name, contentType, size, files.bytesOf(iq.from().bare()),
                config.quota(), config.maxPendingSlots(), now, now.plus(config.slotLifetime()))) {
            case Slots.Slot slot -> iq.result(slotElement(slot, http.baseUrl(iq.from().domain())));
            case Slots.Refusal refusal when refusal.quota() -> refused(iq, "Quota reached: you may keep "
                    + config.quota() + " bytes stored", quotaRetry(iq));
            case Slots.Refusal refusal -> refused(iq, "Too many upload slots not used yet: you may hold "
                    + config.maxPendingSlots(), refusal.retry());
        };
    }

    /** When the user's oldest file expires, freeing space; null when files are kept for ever or there is none. */
    private Instant quotaRetry(Stanza iq) {
        Instant oldest = config.retention().isZero() ? null : files.oldestOf(iq.from().bare());
        return oldest == null ? null : oldest.plus(config.retention());
    }

    /** §4: a temporary error, with when to try again when that is known. */
    private static Stanza refused(Stanza iq, String text, Instant retry) {
        List<Element> application = retry == null ? List.of() : List.of(Element.builder("retry", NAMESPACE)
                .attribute("stamp", DateTimeFormatter.ISO_INSTANT.format(retry.truncatedTo(ChronoUnit.SECONDS))).build());
        return iq.error(StanzaError.RESOURCE_CONSTRAINT, text, application);
    }

    private static Element slotElement(Slots.Slot slot, String baseUrl) {
        String url = baseUrl + PATH + slot.id() + "/" + encode(slot.name());
        return Element.builder("slot", NAMESPACE)
                .child(Element.builder("put", NAMESPACE).attribute("url", url).build())
                .child(Element.builder("get", NAMESPACE).attribute("url", url).build()).build();
    }

    /** A file name as a URL path segment (RFC 3986: non-ASCII and reserved characters percent-encoded). */
    static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A name only: not empty, no path separator, no "." or "..", no control character. */
    static boolean plainName(String name) {
        return !name.isEmpty() && name.length() <= MAX_NAME && !name.equals(".") && !name.equals("..")
                && name.chars().noneMatch(c -> c == '/' || c == '\\' || c < 0x20 || c == 0x7f);
    }

    /** A size in bytes, or -1 when it is not one. */
    private static long parseSize(String size) {
        return size == null || !size.matches("\\d{1,18}") ? -1 : Long.parseLong(size);
    }
}
