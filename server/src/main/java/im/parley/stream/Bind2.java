package im.parley.stream;

import im.parley.auth.TlsInfo;
import im.parley.config.ResourceConflict;
import im.parley.module.BindInline;
import im.parley.module.NegotiationStep.NegotiatingStream;
import im.parley.module.Sasl2Inline;
import im.parley.module.Sasl2Request;
import im.parley.session.ClientSession;
import im.parley.session.LocalSessions;
import im.parley.session.Session;
import im.parley.session.SessionKey;
import im.parley.session.SessionLifecycle;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.JidFormatException;
import im.parley.xmpp.Namespaces;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bind 2 (XEP-0386): resource binding inside SASL2's {@code <authenticate/>}, with the features
 * the client switches on for the new session ({@link BindInline}), answered in {@code <bound/>}
 * inside {@code <success/>}: one round trip from credentials to a bound session. The core's
 * inline feature, added after every module's, so that a resumption (XEP-0198) runs first and a
 * resumed session is not bound again (§3.2).
 */
public final class Bind2 implements Sasl2Inline {
    private static final Logger log = LoggerFactory.getLogger(Bind2.class);
    /** The SASL2 user-agent id a session was bound for, to find the sessions a client left behind. */
    private static final SessionKey<String> USER_AGENT = new SessionKey<>("bind2.user-agent");

    private final ResourceConflict conflict;
    private final SessionLifecycle lifecycle;
    private final LocalSessions sessions;
    private final Function<String, List<BindInline>> inlineFeatures;

    /** @param inlineFeatures the features {@code <bind/>} can switch on, by host */
    public Bind2(ResourceConflict conflict, SessionLifecycle lifecycle, LocalSessions sessions,
            Function<String, List<BindInline>> inlineFeatures) {
        this.conflict = conflict;
        this.lifecycle = lifecycle;
        this.sessions = sessions;
        this.inlineFeatures = inlineFeatures;
    }

    /** §3.1: {@code <bind/>} listing the features it can switch on. */
    @Override
    public Element advertisement(String host, TlsInfo tls) {
        Element.Builder inline = Element.builder("inline", Namespaces.BIND2);
        for (BindInline feature : inlineFeatures.apply(host)) {
            inline.child(Element.builder("feature", Namespaces.BIND2).attribute("var", feature.namespace()).build());
        }
        return Element.builder("bind", Namespaces.BIND2).child(inline.build()).build();
    }

    @Override
    public List<Element> authenticated(NegotiatingStream stream, Sasl2Request request, String mechanism) {
        Element bind = request.inline("bind", Namespaces.BIND2);
        if (bind == null || stream.session() != null) {
            return List.of();
        }
        Jid full = Jid.of(stream.username(), stream.host(), resource(bind.childText("tag"), stream));
        SessionLifecycle.Binding binding = lifecycle.bind(full, stream.endpoint(), conflict);
        if (binding == null) {
            // A resource made of fresh random bytes is never taken.
            throw new IllegalStateException("generated resource " + full + " is in use");
        }
        ClientSession session = binding.session();
        stream.serve(session);
        log.info("Bound {} from {} (Bind2)", full, stream.remoteAddress());
        Element bound = enable(session, bind, stream.host());
        lifecycle.started(session);
        if (binding.replaced() != null) {
            lifecycle.replace(binding.replaced());
        }
        replaceEarlierSessions(session, request.userAgentId());
        return List.of(bound);
    }

    /**
     * §3.2: a client that binds anew has left its earlier sessions behind (a connection it lost,
     * a session it did not resume): they end, as a replaced resource does, once the new one is live.
     */
    private void replaceEarlierSessions(ClientSession session, String userAgent) {
        if (userAgent == null) {
            return;
        }
        session.put(USER_AGENT, userAgent);
        for (Session other : sessions.sessionsOf(session.jid().bare())) {
            if (other != session && userAgent.equals(other.get(USER_AGENT))) {
                log.info("{} replaces {} of the same user agent", session.jid(), other.jid());
                lifecycle.replace(other);
            }
        }
    }

    /**
     * §3.2.1: the client's tag, then '/' and a part the server makes up; a tag that is no valid
     * resource part is left out (the resource is then the server's part alone).
     */
    private static String resource(String tag, NegotiatingStream stream) {
        String generated = ClientStream.newId();
        if (tag == null || tag.isBlank()) {
            return generated;
        }
        try {
            return Jid.enforceResource(tag + "/" + generated);
        } catch (JidFormatException e) {
            log.info("Ignored the Bind2 tag of {}: {}", stream.remoteAddress(), e.getMessage());
            return generated;
        }
    }

    /** Switches on what {@code <bind/>} asks for, before the session's hooks run; their answers make {@code <bound/>}. */
    private Element enable(ClientSession session, Element bind, String host) {
        Element.Builder bound = Element.builder("bound", Namespaces.BIND2);
        for (Element request : bind.elements()) {
            for (BindInline feature : inlineFeatures.apply(host)) {
                if (feature.namespace().equals(request.namespace())) {
                    Element answer = feature.enable(session, request);
                    if (answer != null) {
                        bound.child(answer);
                    }
                }
            }
        }
        return bound.build();
    }
}
