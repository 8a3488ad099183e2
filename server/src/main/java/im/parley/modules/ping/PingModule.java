package im.parley.modules.ping;

import im.parley.module.IqHandler;
import im.parley.module.IqScope;
import im.parley.module.Module;
import im.parley.module.ModuleContext;

/** XMPP Ping (XEP-0199): the server answers pings to itself and, on their behalf, to its accounts. */
public final class PingModule implements Module {
    public static final String NAMESPACE = "urn:xmpp:ping";

    @Override
    public void start(ModuleContext context) {
        context.serverFeature(NAMESPACE);
        IqHandler pong = IqHandler.getOnly(request -> request.iq().result(null));
        context.handleIq(IqScope.SERVER, NAMESPACE, pong);
        context.handleIq(IqScope.ACCOUNT, NAMESPACE, pong);
    }
}
