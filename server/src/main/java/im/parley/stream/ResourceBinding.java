package im.parley.stream;

import im.parley.config.ResourceConflict;
import im.parley.module.NegotiationStep;
import im.parley.session.ClientSession;
import im.parley.session.SessionLifecycle;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.JidFormatException;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.StanzaError;
import im.parley.xmpp.Stanza;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resource binding (RFC 6120 §7): the negotiation step that gives an authenticated stream a new
 * session under a full JID, the resource the client asked for or one the server makes up.
 */
public final class ResourceBinding implements NegotiationStep {
    private static final Logger log = LoggerFactory.getLogger(ResourceBinding.class);
    /** Offered with binding: RFC 3921's session establishment, optional (RFC 6121 Appendix E), for old clients. */
    private static final List<Element> FEATURES = List.of(Element.of("bind", Namespaces.BIND),
            Element.builder("session", Namespaces.SESSION).child(Element.of("optional", Namespaces.SESSION)).build());

    private final ResourceConflict conflict;
    private final SessionLifecycle lifecycle;

    public ResourceBinding(ResourceConflict conflict, SessionLifecycle lifecycle) {
        this.conflict = conflict;
        this.lifecycle = lifecycle;
    }

    @Override
    public List<Element> features() {
        return FEATURES;
    }

    @Override
    public boolean accepts(Element element) {
        return ClientStream.isIq(element, "set", Namespaces.BIND);
    }

    @Override
    public void handle(NegotiatingStream stream, Element iq) {
        String requested = iq.child("bind", Namespaces.BIND).childText("resource");
        String resource;
        try {
            resource = requested == null || requested.isBlank() ? ClientStream.newResource()
                    : Jid.enforceResource(requested);
        } catch (JidFormatException e) {
            // Built from the request's id alone: its other attributes may be as hostile as the resource.
            log.info("Refused resource from {}: {}", stream.remoteAddress(), e.getMessage());
            stream.send(ClientStream.errorFor(iq, StanzaError.BAD_REQUEST, e.getMessage()));
            return;
        }
        Jid full = Jid.of(stream.username(), stream.host(), resource);
        SessionLifecycle.Binding binding = lifecycle.bind(full, stream.endpoint(), conflict);
        if (binding == null) {
            stream.send(ClientStream.errorFor(iq, StanzaError.CONFLICT, "Resource in use"));
            return;
        }
        ClientSession session = binding.session();
        stream.serve(session);
        log.info("Bound {} from {}", full, stream.remoteAddress());
        lifecycle.started(session);
        // The first stanza of the session's counted path.
        session.deliver(Stanza.of(Element.builder("iq", Namespaces.STANZA).attribute("type", "result")
                .attribute("id", iq.attribute("id"))
                .child(Element.builder("bind", Namespaces.BIND).textChild("jid", full.toString()).build())
                .build()));
        if (binding.replaced() != null) {
            // Only now, so that the replaced session's end hooks (its unavailable presence) see the new one live.
            lifecycle.replace(binding.replaced());
        }
    }
}
