package im.parley.modules.presence;

import im.parley.module.Accounts;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.module.SessionListener;
import im.parley.module.StanzaSender;
import im.parley.modules.roster.Roster;
import im.parley.modules.roster.RosterItem;
import im.parley.session.LocalSessions;
import im.parley.session.Session;
import im.parley.store.GroupCommit;
import im.parley.store.KeyValueStore;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence (RFC 6121 §4): broadcast presence goes to the contacts subscribed to the user and to
 * the user's own resources; initial presence also probes the contacts the user is subscribed to
 * and makes the session available; directed presence is tracked so that its targets hear when
 * the session becomes unavailable (also on disconnect); probes are answered for the user.
 */
public final class PresenceModule implements Module {
    private static final Logger log = LoggerFactory.getLogger(PresenceModule.class);
    private static final int MAX_WRITE_BATCH = 1000;

    private final Roster roster;
    private final KeyValueStore lastPresence;
    private final Accounts accounts;
    private final Clock clock;
    private ModuleContext context;
    private LocalSessions sessions;
    private StanzaSender router;
    /** Saves last presences in batches: a burst of logouts is a few transactions, not one each. */
    private GroupCommit<Map.Entry<Jid, LastPresence>, Void> lastPresenceWriter;

    public PresenceModule(Roster roster, KeyValueStore lastPresence, Accounts accounts, Clock clock) {
        this.roster = roster;
        this.lastPresence = lastPresence;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public void start(ModuleContext context) {
        this.context = context;
        sessions = context.sessions();
        router = context.stanzas();
        lastPresenceWriter = GroupCommit.latestPerUser("last-presence-writer", MAX_WRITE_BATCH, lastPresence,
                LastPresence::toValue);
        ProbeAnswers probes = new ProbeAnswers(roster, lastPresence, sessions, router);
        context.onClientStanza(0, this::fromClient);
        context.onDelivery(0, (stanza, origin) -> probes.toUser(stanza));
        context.onServerPresence((stanza, origin) -> toServer(stanza));
        context.onSession(new SessionListener() {
            @Override
            public void ended(Session session) {
                // §4.5.2 (and §4.6.3 for directed presence): a vanished session goes unavailable.
                unavailable(session, unavailablePresence().withFrom(session.jid()));
            }
        });
        accounts.onDeletion(lastPresence::delete);
    }

    @Override
    public void stop() {
        lastPresenceWriter.close();
    }

    private Stanza fromClient(Session sender, Stanza stanza) {
        if (!stanza.isPresence()) {
            return stanza;
        }
        if (stanza.to() == null) {
            broadcast(sender, stanza);
            return null;
        }
        String type = stanza.type();
        if (type.equals("available") || type.equals("unavailable")) {
            // §4.6: directed presence is routed as it is and remembered until the session goes unavailable.
            DirectedPresence.track(sender, stanza.to(), type.equals("available"));
        }
        return stanza;
    }

    private void broadcast(Session sender, Stanza presence) {
        switch (presence.type()) {
            case "available" -> available(sender, presence);
            case "unavailable" -> unavailable(sender, presence);
            // An error sent back to the server itself needs no answer.
            case "error" -> {
            }
            default -> sender.deliver(presence.error(StanzaError.BAD_REQUEST,
                    "Presence of type " + presence.type() + " needs a 'to'"));
        }
    }

    /** §4.2 initial presence and §4.4 presence updates. */
    private void available(Session sender, Stanza presence) {
        boolean initial = !sender.available();
        boolean tookMessages = !initial && sender.priority() >= 0;
        // Once updated, the session may take messages: they wait until the modules told so below
        // have delivered what must come first (offline storage: what came while it was away).
        Session.CatchUp messagesWait = tookMessages ? null : sender.catchUp();
        try {
            sender.updatePresence(presence);
            Jid user = sender.jid().bare();
            // One read of the roster serves both directions of an initial presence.
            List<RosterItem> contacts = roster.items(user);
            for (RosterItem contact : contacts) {
                if (contact.subscription().hasFrom()) {
                    router.route(presence.withTo(contact.jid()));
                }
            }
            toOwnResources(sender, presence);
            if (initial) {
                becameAvailable(sender, user, contacts);
            }
            if (!tookMessages && sender.priority() >= 0) {
                context.sessionAcceptsMessages(sender);
            }
        } finally {
            if (messagesWait != null) {
                messagesWait.close();
            }
        }
    }

    /**
     * §4.2.2: probes the contacts whose presence the user may see (answers come to this resource),
     * shows it the user's other available resources, then tells the other modules (offline
     * messages, pending subscription requests).
     */
    private void becameAvailable(Session sender, Jid user, List<RosterItem> contacts) {
        Stanza probe = Stanza.presence("probe");
        for (RosterItem contact : contacts) {
            if (contact.subscription().hasTo()) {
                router.route(probe.withAddresses(sender.jid(), contact.jid()));
            }
        }
        for (Session other : sessions.sessionsOf(user)) {
            if (other != sender && other.available()) {
                sender.deliver(other.presence().withTo(sender.jid()));
            }
        }
        context.sessionAvailable(sender);
    }

    /** §4.5: unavailable presence to subscribers, the user's resources and the targets of directed presence. */
    private void unavailable(Session sender, Stanza presence) {
        List<Jid> directed = DirectedPresence.takeAll(sender);
        Set<Jid> told = new HashSet<>();
        if (sender.available()) {
            sender.updatePresence(presence);
            for (Jid contact : roster.subscribers(sender.jid().bare())) {
                router.route(presence.withTo(contact));
                told.add(contact);
            }
            toOwnResources(sender, presence);
            lastPresenceWriter.submit(Map.entry(sender.jid().bare(),
                    new LastPresence(presence.withTo(null).element(), clock.instant())));
        }
        for (Jid target : directed) {
            if (!told.contains(target)) {
                router.route(presence.withTo(target));
            }
        }
    }

    /**
     * Presence to a hosted domain itself. The server is always available and lets anyone see it:
     * a probe gets its available presence (RFC 6121 §4.3), a subscription request is approved at
     * once and followed by that presence (§3.1.5), an unsubscription answered with unavailable
     * presence (§3.3.3); everything else needs no answer.
     */
    private void toServer(Stanza presence) {
        Jid asker = presence.from();
        if (asker == null) {
            return;
        }
        Jid server = presence.to();
        switch (presence.type()) {
            case "probe" -> router.route(availablePresence().withAddresses(server, asker));
            case "subscribe" -> {
                router.route(Stanza.presence("subscribed").withAddresses(server, asker.bare()));
                router.route(availablePresence().withAddresses(server, asker.bare()));
            }
            // §3.3.3: the contact (here the server) sends unavailable presence to the user who unsubscribed.
            case "unsubscribe" -> router.route(Stanza.presence("unavailable").withAddresses(server, asker.bare()));
            default -> log.debug("Presence of type {} to {} from {} needs no answer", presence.type(), server, asker);
        }
    }

    /** The user's own available resources see each other's presence (§4.2.2, §4.4.2), the sender included. */
    private void toOwnResources(Session sender, Stanza presence) {
        for (Session session : sessions.sessionsOf(sender.jid().bare())) {
            if (session == sender || session.available()) {
                session.deliver(presence.withTo(session.jid()));
            }
        }
    }

    private static Stanza availablePresence() {
        return Stanza.of(Element.builder("presence", Namespaces.STANZA).build());
    }

    private static Stanza unavailablePresence() {
        return Stanza.presence("unavailable");
    }
}
