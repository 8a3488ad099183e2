package im.parley.modules.ping;

import im.parley.module.IqRequest;
import im.parley.module.IqScope;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;

/** XMPP Ping (XEP-0199): the server answers pings to itself and, on their behalf, to its accounts. */
public final class PingModule implements Module {
    public static final String NAMESPACE = "urn:xmpp:ping";

    @Override
    public void start(ModuleContext context) {
        context.serverFeature(NAMESPACE);
        context.handleIq(IqScope.SERVER, NAMESPACE, PingModule::pong);
        context.handleIq(IqScope.ACCOUNT, NAMESPACE, PingModule::pong);
    }

    private static Stanza pong(IqRequest request) {
        Stanza iq = request.iq();
        return "get".equals(iq.type()) ? iq.result(null) : iq.error(StanzaError.BAD_REQUEST, "Ping with type get");
    }
}
