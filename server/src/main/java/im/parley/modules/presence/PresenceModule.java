package im.parley.modules.presence;

import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.module.SessionListener;
import im.parley.session.Session;
import im.parley.session.SessionRegistry;
import im.parley.xml.Element;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;

/**
 * Presence (RFC 6121 §4): a client's broadcast presence (no 'to') makes it available, with a
 * priority, and is sent to the user's own available resources; when the session ends they get
 * unavailable presence.
 */
public final class PresenceModule implements Module {
    private SessionRegistry sessions;
    private ModuleContext context;

    @Override
    public void start(ModuleContext context) {
        sessions = context.sessions();
        this.context = context;
        context.onClientStanza(0, (sender, stanza) -> {
            if (stanza.isPresence() && stanza.to() == null) {
                broadcast(sender, stanza);
                return null;
            }
            return stanza;
        });
        context.onSession(new SessionListener() {
            @Override
            public void ended(Session session) {
                if (session.available()) {
                    broadcast(session, Stanza.of(Element.builder("presence", Namespaces.CLIENT)
                            .attribute("type", "unavailable").build()).withFrom(session.jid()));
                }
            }
        });
    }

    private void broadcast(Session sender, Stanza presence) {
        String type = presence.element().attribute("type");
        if (type != null && !type.equals("unavailable")) {
            // Subscription requests, probes and errors need an addressee.
            sender.deliver(presence.error(StanzaError.BAD_REQUEST, "Presence of type " + type + " needs a 'to'"));
            return;
        }
        boolean initial = !sender.available() && type == null;
        sender.updatePresence(presence);
        for (Session session : sessions.sessionsOf(sender.jid().bare())) {
            if (session == sender || session.available()) {
                session.deliver(presence);
            }
        }
        if (initial) {
            context.sessionAvailable(sender);
        }
    }
}
