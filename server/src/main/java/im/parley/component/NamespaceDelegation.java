package im.parley.component;

import im.parley.module.IqHandler;
import im.parley.module.IqRequest;
import im.parley.module.IqScope;
import im.parley.module.Origin;
import im.parley.router.StanzaRouter;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.JidFormatException;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Namespace delegation (XEP-0355 admin mode, {@code urn:xmpp:delegation:2}): the IQs of the
 * configured namespaces that a user sends to the server or to their own bare JID go, forwarded,
 * to the component; its forwarded answer goes back to the user once checked. The component is
 * told its namespaces in a message once its handshake succeeded; while it is away the user gets
 * {@code service-unavailable} (the forwarding IQ bounces). What the component itself sends in a
 * delegated namespace, and a user's IQ to someone else, is handled as if nothing were delegated.
 */
final class NamespaceDelegation {
    static final String NAMESPACE = "urn:xmpp:delegation:2";
    private static final Logger log = LoggerFactory.getLogger(NamespaceDelegation.class);
    /** How long the user's request waits for the component's answer. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String component;
    private final List<String> namespaces;
    private final StanzaRouter router;

    NamespaceDelegation(String component, List<String> namespaces, StanzaRouter router) {
        this.component = component;
        this.namespaces = namespaces;
        this.router = router;
    }

    List<String> namespaces() {
        return namespaces;
    }

    /** §4.2: the message telling the component its namespaces; null when it has none. */
    Stanza advertisement(String server, String id) {
        if (namespaces.isEmpty()) {
            return null;
        }
        Element.Builder delegation = Element.builder("delegation", NAMESPACE);
        for (String namespace : namespaces) {
            delegation.child(Element.builder("delegated", NAMESPACE).attribute("namespace", namespace).build());
        }
        return Stanza.of(Element.builder("message", Namespaces.STANZA).attribute("from", server)
                .attribute("to", component).attribute("id", id).child(delegation.build()).build());
    }

    /** The handler of a delegated namespace in {@code scope}, in front of the module's own ({@code own}, or null). */
    IqHandler handler(IqScope scope, IqHandler own) {
        return request -> {
            if (delegated(scope, request)) {
                forward(request.iq());
                return null;
            }
            return own != null ? own.handle(request) : request.iq().error(StanzaError.SERVICE_UNAVAILABLE, null);
        };
    }

    /** §4.3: to the server itself or to the sender's own bare JID, and not from the managing component. */
    private boolean delegated(IqScope scope, IqRequest request) {
        Stanza iq = request.iq();
        if (iq.from() == null || request.origin().kind() == Origin.Kind.COMPONENT
                && iq.from().domain().equals(component)) {
            return false;
        }
        return scope == IqScope.SERVER || iq.to().equals(iq.from().bare());
    }

    private void forward(Stanza iq) {
        Stanza wrapper = Stanza.of(Element.builder("iq", Namespaces.STANZA).attribute("type", "set")
                .attribute("from", iq.to().domain()).attribute("to", component)
                .child(Element.builder("delegation", NAMESPACE).child(Forwarding.forwarded(iq)).build()).build());
        router.request(wrapper, TIMEOUT).whenComplete((answer, failure) -> router.route(answerTo(iq, answer)));
    }

    /**
     * The user's answer: the component's forwarded result or error when it answers this request
     * (its id, and addressed to the requester), else service-unavailable (§4.3: also when the
     * component is away, timed out, or failed).
     */
    private Stanza answerTo(Stanza iq, Stanza answer) {
        Element delegation = answer == null || answer.isError() ? null : answer.element().child("delegation", NAMESPACE);
        Element forwarded = delegation == null ? null : Forwarding.stanzaIn(delegation.child("forwarded", Forwarding.NAMESPACE));
        if (forwarded != null && forwarded.name().equals("iq") && answers(iq, forwarded)) {
            return Stanza.of(forwarded.withAttribute("from", iq.to().toString()));
        }
        if (answer != null) {
            log.info("Component {} did not answer the delegated request {} from {}: {}", component, iq.id(),
                    iq.from(), answer);
        }
        return iq.error(StanzaError.SERVICE_UNAVAILABLE, null);
    }

    private static boolean answers(Stanza request, Element response) {
        String type = response.attribute("type");
        try {
            String to = response.attribute("to");
            return ("result".equals(type) || "error".equals(type)) && Objects.equals(request.id(), response.attribute("id"))
                    && to != null && Jid.parse(to).equals(request.from());
        } catch (JidFormatException e) {
            return false;
        }
    }
}
