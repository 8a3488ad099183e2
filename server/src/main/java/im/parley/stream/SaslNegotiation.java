package im.parley.stream;

import im.parley.auth.Advertisement;
import im.parley.auth.ChannelBindingAttempts;
import im.parley.auth.SaslFailure;
import im.parley.auth.SaslMechanisms;
import im.parley.auth.SaslServerMechanism;
import im.parley.auth.Step;
import im.parley.auth.TlsInfo;
import im.parley.module.Sasl2Request;
import im.parley.xml.Element;
import im.parley.xmpp.Namespaces;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SASL exchange of one stream, in either profile: RFC 6120 §6 ({@code <auth/>},
 * {@code <response/>}, {@code <abort/>} answered with {@code <challenge/>}, {@code <success/>} and
 * {@code <failure/>}) or SASL2, XEP-0388 ({@code <authenticate/>} and the same elements in
 * {@code urn:xmpp:sasl:2}; its {@code <success/>} is the stream's to write, with the results of
 * the inline features). Replies are in the namespace of the exchange the client started.
 */
public final class SaslNegotiation {
    private static final Logger log = LoggerFactory.getLogger(SaslNegotiation.class);
    /** What the stream does next. */
    public enum Outcome { CONTINUE, SUCCESS, FAILURE }

    private final SaslMechanisms mechanisms;
    private SaslServerMechanism current;
    /** The namespace of the exchange in progress or last finished: RFC 6120's SASL or SASL2. */
    private String profile = Namespaces.SASL;
    private String username;
    private String mechanismName;
    private byte[] additionalData;
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

    /**
     * XEP-0388 §2.1: the {@code <authentication/>} feature, the same mechanisms as RFC 6120's (so
     * that XEP-0474's hash is the same in both) and the inline features.
     */
    public Element sasl2Feature(TlsInfo tls, List<Element> inline) {
        Element.Builder feature = Element.builder("authentication", Namespaces.SASL2);
        for (String name : mechanisms.advertisement(tls).mechanisms()) {
            feature.textChild("mechanism", name);
        }
        if (!inline.isEmpty()) {
            Element.Builder list = Element.builder("inline", Namespaces.SASL2);
            inline.forEach(list::child);
            feature.child(list.build());
        }
        return feature.build();
    }

    /** RFC 6120's {@code <auth/>}, and either profile's {@code <response/>} and {@code <abort/>}. */
    public Outcome handle(Element element, TlsInfo tls) {
        if (current == null) {
            profile = element.namespace();
        } else if (!profile.equals(element.namespace())) {
            return fail(SaslFailure.MALFORMED_REQUEST, "<" + element.name() + "/> of the other SASL profile");
        }
        return switch (element.name()) {
            case "auth" -> Namespaces.SASL.equals(element.namespace())
                    ? start(element.attribute("mechanism"), null, element.text(), tls)
                    : fail(SaslFailure.MALFORMED_REQUEST, "Unexpected SASL element auth");
            case "response" -> current == null
                    ? fail(SaslFailure.MALFORMED_REQUEST, "No authentication in progress")
                    : step(element.text());
            case "abort" -> fail(SaslFailure.ABORTED, null);
            default -> fail(SaslFailure.MALFORMED_REQUEST, "Unexpected SASL element " + element.name());
        };
    }

    /**
     * SASL2's {@code <authenticate/>}.
     *
     * @param own the mechanism an inline feature supplies for the request (FAST's), or null for
     *     one of {@link SaslMechanisms}
     */
    public Outcome authenticate(Sasl2Request request, TlsInfo tls, SaslServerMechanism own) {
        profile = Namespaces.SASL2;
        // XEP-0388 §2.2: no <initial-response/> means none; an empty one is an empty response.
        String initial = request.initialResponse();
        return start(request.mechanism(), own, initial == null ? "" : initial, tls);
    }

    private Outcome start(String name, SaslServerMechanism own, String initialResponse, TlsInfo tls) {
        if (name == null) {
            return fail(SaslFailure.INVALID_MECHANISM, null);
        }
        // A mechanism not offered here fails at its first step (invalid-mechanism or encryption-required).
        current = own != null ? own : mechanisms.create(name, tls, channelBindingAttempts);
        mechanismName = name;
        // RFC 6120 §6.4.2: no initial response is an empty element; an empty one is "=".
        String text = initialResponse.trim();
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
            lastReply = Element.builder("challenge", profile).text(encode(c.data())).build();
            return Outcome.CONTINUE;
        }
        if (step instanceof Step.Success s) {
            username = s.username();
            additionalData = s.additionalData() == null ? new byte[0] : s.additionalData();
            // RFC 6120 §6.4.6: no additional data means an empty <success/>; SASL2's is the stream's.
            lastReply = profile.equals(Namespaces.SASL) ? Element.builder("success", Namespaces.SASL)
                    .text(additionalData.length == 0 ? null : encode(additionalData)).build() : null;
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
        lastReply = failure(profile, condition.elementName(), text);
        return Outcome.FAILURE;
    }

    private String encode(byte[] data) {
        // RFC 6120 §6.4.3: an empty challenge is sent as "="; SASL2 sends an empty element (XEP-0388 §2.2).
        if (data.length == 0) {
            return profile.equals(Namespaces.SASL) ? "=" : null;
        }
        return Base64.getEncoder().encodeToString(data);
    }

    /**
     * A {@code <failure/>} of either profile: the RFC 6120 §6.5 condition is in RFC 6120's
     * namespace in both (XEP-0388 §2.6.2), the element and its text in the profile's.
     */
    static Element failure(String profile, String condition, String text) {
        Element.Builder b = Element.builder("failure", profile).child(Element.of(condition, Namespaces.SASL));
        if (text != null) {
            b.child(Element.builder("text", profile).attribute("xml:lang", "en").text(text).build());
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

    /** The mechanism's additional data on success (empty when there is none), for SASL2's {@code <additional-data/>}. */
    public byte[] additionalData() {
        return additionalData;
    }

    public int failures() {
        return failures;
    }

    /** The element to send for the last outcome; null after a SASL2 success, which the stream writes. */
    public Element lastReply() {
        return lastReply;
    }
}
