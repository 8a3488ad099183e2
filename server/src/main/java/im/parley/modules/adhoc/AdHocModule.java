package im.parley.modules.adhoc;

import im.parley.module.IqScope;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.module.SessionListener;
import im.parley.session.Session;
import java.time.Clock;
import java.time.Duration;

/**
 * Ad-Hoc Commands (XEP-0050) addressed to the server: the registered {@link AdHocCommands}, served
 * by a {@link CommandResponder} at each host's JID.
 */
public final class AdHocModule implements Module {
    public static final String NAMESPACE = "http://jabber.org/protocol/commands";
    /** How long an untouched command session stays open. */
    public static final Duration SESSION_TIMEOUT = Duration.ofMinutes(5);

    private final CommandResponder responder;

    public AdHocModule(AdHocCommands commands, Clock clock) {
        this.responder = new CommandResponder(commands, clock);
    }

    @Override
    public void start(ModuleContext context) {
        context.serverFeature(NAMESPACE);
        context.serverDiscoNodes(responder);
        context.handleIq(IqScope.SERVER, NAMESPACE, request -> responder.handle(request.iq()));
        context.onSession(new SessionListener() {
            @Override
            public void ended(Session session) {
                responder.forget(session.jid());
            }
        });
    }
}
