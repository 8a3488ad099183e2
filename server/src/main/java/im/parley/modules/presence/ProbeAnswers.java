package im.parley.modules.presence;

import im.parley.module.StanzaSender;
import im.parley.modules.roster.Roster;
import im.parley.session.LocalSessions;
import im.parley.session.Session;
import im.parley.store.KeyValueStore;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Answers presence probes (RFC 6121 §4.3.2) on behalf of local users: the current presence of
 * each available resource, or, when none is, the last unavailable presence with the time it was
 * sent (XEP-0203). Only the user and contacts allowed to see the user's presence get an answer.
 */
final class ProbeAnswers {
    private final Roster roster;
    private final KeyValueStore lastPresence;
    private final LocalSessions sessions;
    private final StanzaSender router;

    ProbeAnswers(Roster roster, KeyValueStore lastPresence, LocalSessions sessions, StanzaSender router) {
        this.roster = roster;
        this.lastPresence = lastPresence;
        this.sessions = sessions;
        this.router = router;
    }

    /** Delivery hook: consumes probes; every other stanza passes. */
    Stanza toUser(Stanza stanza) {
        if (!stanza.isPresence() || !"probe".equals(stanza.type()) || stanza.from() == null) {
            return stanza;
        }
        Jid user = stanza.to().bare();
        Jid prober = stanza.from();
        if (prober.bare().equals(user) || roster.subscription(user, prober).hasFrom()) {
            answer(user, prober);
        }
        // Otherwise the user's presence must not be revealed (§4.3.2), so nothing is sent.
        return null;
    }

    private void answer(Jid user, Jid prober) {
        List<Session> available = sessions.sessionsOf(user).stream().filter(Session::available).toList();
        for (Session session : available) {
            router.route(session.presence().withAddresses(session.jid(), prober));
        }
        if (available.isEmpty()) {
            router.route(offline(user).withAddresses(user, prober));
        }
    }

    private Stanza offline(Jid user) {
        Optional<LastPresence> last = lastPresence.get(user.bare()).map(LastPresence::of);
        if (last.isEmpty()) {
            return Stanza.presence("unavailable");
        }
        Element delay = Element.builder("delay", Namespaces.DELAY).attribute("from", user.domain())
                .attribute("stamp", stamp(last.get().sentAt())).build();
        return Stanza.of(last.get().presence().toBuilder().child(delay).build());
    }

    /** XEP-0082 DateTime in UTC. */
    static String stamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
