package im.parley.stream;

import im.parley.auth.Advertisement;
import im.parley.auth.ChannelBindingAttempts;
import im.parley.auth.SaslFailure;
import im.parley.auth.SaslMechanisms;
import im.parley.auth.SaslServerMechanism;
import im.parley.auth.Step;
import im.parley.auth.TlsInfo;
import im.parley.xml.Element;
import im.parley.xmpp.Namespaces;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SASL exchange of one stream (RFC 6120 §6): turns {@code <auth/>}, {@code <response/>} and
 * {@code <abort/>} into mechanism steps and the steps into {@code <challenge/>},
 * {@code <success/>} and {@code <failure/>}.
 */
public final class SaslNegotiation {
    private static final Logger log = LoggerFactory.getLogger(SaslNegotiation.class);
    /** What the stream does next. */
    public enum Outcome { CONTINUE, SUCCESS, FAILURE }

    private final SaslMechanisms mechanisms;
    private SaslServerMechanism current;
    private String username;
    private String mechanismName;
    private int failures;
    /** What the client's -PLUS attempts on this stream showed; decides whether "y" is a downgrade. */
    private final ChannelBindingAttempts channelBindingAttempts = new ChannelBindingAttempts();
    private Element lastReply;

    public SaslNegotiation(SaslMechanisms mechanisms) {
        this.mechanisms = mechanisms;
    }

    /** The {@code <mechanisms/>} feature and, with TLS, the XEP-0440 channel-binding types. */
    public List<Element> features(TlsInfo tls) {
        Advertisement advertised = mechanisms.advertisement(tls);
        List<Element> result = new ArrayList<>(2);
        Element.Builder list = Element.builder("mechanisms", Namespaces.SASL);
        for (String name : advertised.mechanisms()) {
            list.textChild("mechanism", name);
        }
        result.add(list.build());
        if (!advertised.channelBindings().isEmpty()) {
            Element.Builder cb = Element.builder("sasl-channel-binding", Namespaces.SASL_CHANNEL_BINDING);
            for (String type : advertised.channelBindings()) {
                cb.child(Element.builder("channel-binding", Namespaces.SASL_CHANNEL_BINDING)
                        .attribute("type", type).build());
            }
            result.add(cb.build());
        }
        return result;
    }

    public Outcome handle(Element element, TlsInfo tls) {
        return switch (element.name()) {
            case "auth" -> start(element, tls);
            case "response" -> current == null
                    ? fail(SaslFailure.MALFORMED_REQUEST, "No authentication in progress")
                    : step(element.text());
            case "abort" -> fail(SaslFailure.ABORTED, null);
            default -> fail(SaslFailure.MALFORMED_REQUEST, "Unexpected SASL element " + element.name());
        };
    }

    private Outcome start(Element auth, TlsInfo tls) {
        String name = auth.attribute("mechanism");
        if (name == null) {
            return fail(SaslFailure.INVALID_MECHANISM, null);
        }
        // A mechanism not offered here fails at its first step (invalid-mechanism or encryption-required).
        current = mechanisms.create(name, tls, channelBindingAttempts);
        mechanismName = name;
        // RFC 6120 §6.4.2: no initial response is an empty element; an empty one is "=".
        String text = auth.text().trim();
        return step(text.isEmpty() || text.equals("=") ? "" : text);
    }

    private Outcome step(String base64) {
        byte[] data;
        try {
            data = base64.equals("=") ? new byte[0] : Base64.getMimeDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            return fail(SaslFailure.INCORRECT_ENCODING, null);
        }
        Step step;
        try {
            step = current.evaluate(data);
        } catch (RuntimeException e) {
            // The account store failed: the client may try again later (RFC 6120 §6.5.12).
            log.warn("Authentication failed on a store error", e);
            return fail(SaslFailure.TEMPORARY_AUTH_FAILURE, null);
        }
        if (step instanceof Step.Challenge c) {
            lastReply = Element.builder("challenge", Namespaces.SASL).text(encode(c.data())).build();
            return Outcome.CONTINUE;
        }
        if (step instanceof Step.Success s) {
            username = s.username();
            byte[] extra = s.additionalData();
            // RFC 6120 §6.4.6: no additional data means an empty <success/>.
            lastReply = Element.builder("success", Namespaces.SASL)
                    .text(extra == null || extra.length == 0 ? null : encode(extra)).build();
            current = null;
            return Outcome.SUCCESS;
        }
        Step.Failure f = (Step.Failure) step;
        return fail(f.condition(), f.text());
    }

    private Outcome fail(SaslFailure condition, String text) {
        current = null;
        if (condition != SaslFailure.ABORTED) {
            failures++;
        }
        lastReply = failure(condition.elementName(), text);
        return Outcome.FAILURE;
    }

    private static String encode(byte[] data) {
        // RFC 6120 §6.4.3: an empty challenge is sent as "=".
        return data.length == 0 ? "=" : Base64.getEncoder().encodeToString(data);
    }

    static Element failure(String condition, String text) {
        Element.Builder b = Element.builder("failure", Namespaces.SASL).child(Element.of(condition, Namespaces.SASL));
        if (text != null) {
            b.child(Element.builder("text", Namespaces.SASL).attribute("xml:lang", "en").text(text).build());
        }
        return b.build();
    }

    public boolean isAuthenticated() {
        return username != null;
    }

    /** The authenticated user's localpart. */
    public String username() {
        return username;
    }

    public String mechanismName() {
        return mechanismName;
    }

    public int failures() {
        return failures;
    }

    /** The element to send for the last outcome. */
    public Element lastReply() {
        return lastReply;
    }
}
