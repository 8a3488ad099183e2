package im.parley.modules.lastactivity;

import im.parley.module.IqHandler;
import im.parley.module.IqRequest;
import im.parley.module.IqScope;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.module.PresenceAuthorization;
import im.parley.module.SessionListener;
import im.parley.module.StanzaSender;
import im.parley.session.LocalSessions;
import im.parley.session.Session;
import im.parley.store.GroupCommit;
import im.parley.store.KeyValueStore;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Last Activity (XEP-0012): the server's uptime (§5), and for a user's bare JID how long ago
 * they logged out and with what status (§3), told only to those who may see their presence.
 * Queries to a full JID go to the client (§4), except from those who may not see its presence.
 */
public final class LastActivityModule implements Module {
    public static final String NAMESPACE = "jabber:iq:last";
    private static final int MAX_WRITE_BATCH = 1000;

    private final KeyValueStore store;
    private final PresenceAuthorization authorization;
    private final Clock clock;
    private Instant started;
    private LocalSessions sessions;
    private StanzaSender router;

    /** Saves last logouts in batches: a burst of logouts is a few transactions, not one each. */
    private GroupCommit<Map.Entry<Jid, LastLogout>, Void> writer;

    public LastActivityModule(KeyValueStore store, PresenceAuthorization authorization, Clock clock) {
        this.store = store;
        this.authorization = authorization;
        this.clock = clock;
    }

    @Override
    public void start(ModuleContext context) {
        started = clock.instant();
        writer = GroupCommit.latestPerUser("last-logout-writer", MAX_WRITE_BATCH, store, LastLogout::toValue);
        sessions = context.sessions();
        router = context.stanzas();
        context.serverFeature(NAMESPACE);
        context.accountFeature(NAMESPACE);
        context.handleIq(IqScope.SERVER, NAMESPACE, IqHandler.getOnly(this::uptime));
        context.handleIq(IqScope.ACCOUNT, NAMESPACE, IqHandler.getOnly(this::lastLogout));
        context.onDelivery(0, (stanza, origin) -> guardFullJid(stanza));
        context.onSession(new SessionListener() {
            @Override
            public void ended(Session session) {
                recordLogout(session);
            }
        });
    }

    private Stanza uptime(IqRequest request) {
        return request.iq().result(query(Duration.between(started, clock.instant()), null));
    }

    /** §3: 0 while the user has a session, else the time since the last logout, if the requester may know. */
    Stanza lastLogout(IqRequest request) {
        Stanza iq = request.iq();
        Jid user = iq.to();
        if (!authorized(user, iq.from())) {
            return iq.error(StanzaError.FORBIDDEN);
        }
        if (!sessions.sessionsOf(user).isEmpty()) {
            return iq.result(query(Duration.ZERO, null));
        }
        Optional<LastLogout> last = store.get(user.bare()).map(LastLogout::of);
        if (last.isEmpty()) {
            return iq.error(StanzaError.ITEM_NOT_FOUND, "This user has not logged out yet");
        }
        return iq.result(query(Duration.between(last.get().at(), clock.instant()), last.get().status()));
    }

    /** §4: a query to a resource from someone who may not see its presence is refused, not delivered. */
    private Stanza guardFullJid(Stanza stanza) {
        if (!stanza.isRequest() || stanza.from() == null || stanza.to().isBare() || stanza.payload() == null
                || !NAMESPACE.equals(stanza.payload().namespace())
                || authorized(stanza.to().bare(), stanza.from())) {
            return stanza;
        }
        router.route(stanza.error(StanzaError.FORBIDDEN));
        return null;
    }

    private boolean authorized(Jid user, Jid requester) {
        return requester != null
                && (requester.bare().equals(user) || authorization.maySeePresence(user, requester.bare()));
    }

    /** The status comes from the unavailable presence the session ended with, if it sent one (§3). */
    private void recordLogout(Session session) {
        Stanza presence = session.presence();
        String status = presence != null && "unavailable".equals(presence.element().attribute("type"))
                ? presence.element().childText("status") : null;
        writer.submit(Map.entry(session.jid().bare(), new LastLogout(clock.instant(), status)));
    }

    @Override
    public void stop() {
        writer.close();
    }

    private static Element query(Duration elapsed, String status) {
        return Element.builder("query", NAMESPACE)
                .attribute("seconds", Long.toString(Math.max(0, elapsed.toSeconds())))
                .text(status)
                .build();
    }
}
