package im.parley.stream;

import im.parley.config.ResourceConflict;
import im.parley.module.ModuleRegistry;
import im.parley.module.NegotiationStep;
import im.parley.session.ClientSession;
import im.parley.session.Session;
import im.parley.session.SessionRegistry;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.JidFormatException;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.StanzaError;
import im.parley.xmpp.StreamError;
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
    private final SessionRegistry sessions;
    private final ModuleRegistry modules;

    public ResourceBinding(ResourceConflict conflict, SessionRegistry sessions, ModuleRegistry modules) {
        this.conflict = conflict;
        this.sessions = sessions;
        this.modules = modules;
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
        ClientSession session = new ClientSession(full, stream.endpoint());
        Session previous = sessions.bind(session, conflict);
        if (previous == null) {
            stream.send(ClientStream.errorFor(iq, StanzaError.CONFLICT, "Resource in use"));
            return;
        }
        stream.serve(session);
        if (previous != session) {
            previous.close(StreamError.CONFLICT, "Replaced by a new connection");
        }
        log.info("Bound {} from {}", full, stream.remoteAddress());
        modules.sessionBound(session);
        stream.send(Element.builder("iq", Namespaces.STANZA).attribute("type", "result")
                .attribute("id", iq.attribute("id"))
                .child(Element.builder("bind", Namespaces.BIND).textChild("jid", full.toString()).build())
                .build());
    }
}
