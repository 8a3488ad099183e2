package im.parley.modules.csi;

import im.parley.module.HostSettings;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.module.StreamElementHandler.StreamOutput;
import im.parley.module.StreamFeature;
import im.parley.session.ClientSession;
import im.parley.xml.Element;

/**
 * Client state indication (XEP-0352): the {@code <csi/>} stream feature after authentication, and
 * the client's {@code <inactive/>} and {@code <active/>} on a bound stream, which are not
 * answered (§5). While a client is inactive its session holds back what {@link Importance} says
 * can wait; the holding, and the numbering of what is held when it is sent (XEP-0198), are the
 * session's ({@code session/ClientSession}). Each element takes effect before the stream's next
 * stanza is handled (§6: the stream's thread runs both in order), so a ping sent after
 * {@code <active/>} is answered after what was held.
 */
public final class CsiModule implements Module {
    static final String NAMESPACE = "urn:xmpp:csi:0";

    private final HostSettings<CsiConfig> settings;

    public CsiModule(HostSettings<CsiConfig> settings) {
        this.settings = settings;
    }

    @Override
    public void start(ModuleContext context) {
        context.streamFeature(new StreamFeature(Element.of("csi", NAMESPACE), false, true));
        context.handleStreamElement(NAMESPACE, "inactive", this::inactive);
        context.handleStreamElement(NAMESPACE, "active", (session, out, element) -> session.release());
    }

    private void inactive(ClientSession session, StreamOutput out, Element element) {
        session.holdBack(new Importance(settings.of(session.jid().domain())));
    }
}
