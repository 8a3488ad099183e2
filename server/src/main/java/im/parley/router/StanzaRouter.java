package im.parley.router;

import im.parley.module.Delivery;
import im.parley.module.Dispatch;
import im.parley.module.IqHandler;
import im.parley.module.IqRequest;
import im.parley.module.IqScope;
import im.parley.module.Origin;
import im.parley.module.StanzaSender;
import im.parley.session.DeliveryJournal;
import im.parley.session.LocalSessions;
import im.parley.session.Session;
import im.parley.session.UndeliveredStanzas;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where a stanza goes: the route table names the destination of its domain (a hosted
 * domain's users or the server itself, a module's service domain); within a hosted domain, a
 * local session, a module handler, or back to its sender as an error; an external component's
 * domain, its stream. The delivery rules are those of RFC 6120 §10 and RFC 6121 §8.5; a remote
 * domain's stanzas go to its server (federation), and without federation a domain with no
 * route is answered with {@code remote-server-not-found}.
 */
public final class StanzaRouter implements StanzaSender, UndeliveredStanzas {
    private static final Logger log = LoggerFactory.getLogger(StanzaRouter.class);

    private final RouteTable routes;
    private final LocalSessions sessions;
    private final LocalUsers users;
    private final Dispatch modules;
    private final IqTracker requests = new IqTracker(this::route);

    public StanzaRouter(RouteTable routes, LocalSessions sessions, LocalUsers users, Dispatch modules) {
        this.routes = routes;
        this.sessions = sessions;
        this.users = users;
        this.modules = modules;
    }

    /** Routes a stanza the server itself sends (a module's, or an error it answers with). */
    @Override
    public void route(Stanza stanza) {
        route(stanza, Origin.LOCAL);
    }

    @Override
    public CompletableFuture<Stanza> request(Stanza iq, Duration timeout) {
        return requests.request(iq, timeout);
    }

    /** Routes a stanza that entered the server at {@code origin}, with its 'from' stamped. */
    public void route(Stanza stanza, Origin origin) {
        route(stanza, origin, null);
    }

    /**
     * Routes a client's message written to the delivery journal: each session that keeps it until
     * its client acknowledges it holds {@code entry} (null: not journaled).
     */
    public void route(Stanza stanza, Origin origin, DeliveryJournal.Entry entry) {
        Jid to = stanza.to();
        if (to == null) {
            // RFC 6120 §10.3: no 'to' means the sender's own account handles it.
            toAccount(stanza.withTo(stanza.from().bare()), origin, entry);
            return;
        }
        switch (routes.get(to.domain())) {
            case RouteTable.Hosted hosted -> toHostedDomain(stanza, origin, entry);
            case RouteTable.Service service -> service.service().handler().handle(stanza, origin);
            case RouteTable.Component component -> toComponent(component, stanza);
            case RouteTable.Remote remote -> toRemote(remote, stanza, origin);
            case null -> bounce(stanza, StanzaError.REMOTE_SERVER_NOT_FOUND, "Federation is not available");
        }
    }

    /** Leaves for another server unless a rule of the sending account's host stops it (XEP-0191: a blocked address). */
    private void toRemote(RouteTable.Remote remote, Stanza stanza, Origin origin) {
        Stanza leaving = modules.delivery(stanza, origin);
        if (leaving != null) {
            remote.servers().send(leaving);
        }
    }

    /** XEP-0114: everything for the component's domain goes to its stream; while it is away, back with an error. */
    private void toComponent(RouteTable.Component component, Stanza stanza) {
        if (!component.link().send(stanza)) {
            bounce(stanza, StanzaError.SERVICE_UNAVAILABLE, "The service " + component.domain() + " is not connected");
        }
    }

    private void toHostedDomain(Stanza stanza, Origin origin, DeliveryJournal.Entry entry) {
        Jid to = stanza.to();
        if (to.isDomain()) {
            toServer(stanza, origin);
        } else if (to.isBare()) {
            toAccount(stanza, origin, entry);
        } else {
            toFullJid(stanza, origin, entry);
        }
    }

    private void toServer(Stanza stanza, Origin origin) {
        switch (stanza.kind()) {
            case IQ -> handleIq(IqScope.SERVER, stanza, origin);
            case MESSAGE -> {
                if (stanza.type().equals("chat") || stanza.type().equals("normal")) {
                    bounce(stanza, StanzaError.SERVICE_UNAVAILABLE, null);
                }
            }
            case PRESENCE -> modules.serverPresence(stanza, origin);
        }
    }

    private void toAccount(Stanza stanza, Origin origin, DeliveryJournal.Entry entry) {
        Jid to = stanza.to();
        if (stanza.isPresence() && !isAccountPresence(stanza.type()) && !hasAvailableResource(to)) {
            // RFC 6121 §8.5.2.2.2, and §8.5.1 for a missing account: ignored either way, so no store
            // lookup for each offline contact a login or logout is broadcast to.
            return;
        }
        boolean ownAccount = stanza.from() != null && stanza.from().bare().equals(to);
        if (!ownAccount && !isProbe(stanza) && !answersMissingAccounts(stanza) && !exists(to)) {
            toMissingUser(stanza, origin);
            return;
        }
        Stanza delivered = modules.delivery(stanza, origin);
        if (delivered == null) {
            refused(stanza, origin);
            return;
        }
        deliverToAccount(delivered, origin, entry);
    }

    private boolean hasAvailableResource(Jid bare) {
        for (Session session : sessions.sessionsOf(bare)) {
            if (session.available()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A probe is answered from the probed account's roster only (RFC 6121 §4.3.2), which a missing
     * account does not have: asking the store whether the account exists first would only add a
     * lookup to every probe of an offline contact.
     */
    private static boolean isProbe(Stanza stanza) {
        return stanza.isPresence() && stanza.type().equals("probe");
    }

    /** An IQ whose handler answers a missing account as it answers a stranger (disco, XEP-0030 §8). */
    private boolean answersMissingAccounts(Stanza stanza) {
        if (!stanza.isIq() || !stanza.isRequest() || stanza.payload() == null) {
            return false;
        }
        IqHandler handler = modules.iqHandler(stanza.to().domain(), IqScope.ACCOUNT, stanza.payload().namespace());
        return handler != null && handler.answersMissingAccounts();
    }

    /** An account with a bound session exists: only offline accounts cost a store lookup. */
    private boolean exists(Jid bare) {
        return !sessions.sessionsOf(bare).isEmpty() || users.exists(bare);
    }

    private void deliverToAccount(Stanza stanza, Origin origin, DeliveryJournal.Entry entry) {
        Jid to = stanza.to();
        switch (stanza.kind()) {
            case IQ -> handleIq(IqScope.ACCOUNT, stanza, origin);
            case MESSAGE -> messageToBareJid(stanza, origin, entry);
            case PRESENCE -> {
                for (Session session : sessions.sessionsOf(to)) {
                    if (session.available()) {
                        session.deliver(stanza);
                    }
                }
            }
        }
    }

    /** RFC 6121 §8.5.2: a message to a bare JID goes to the available resource(s) of highest non-negative priority. */
    private void messageToBareJid(Stanza stanza, Origin origin, DeliveryJournal.Entry entry) {
        String type = stanza.type();
        if (type.equals("error")) {
            // §8.5.2.1.1 and RFC 6120 §8.3.1: an error is never answered.
            observe(stanza, origin, Delivery.DROPPED);
            return;
        }
        if (type.equals("groupchat")) {
            bounceMessage(stanza, origin, StanzaError.SERVICE_UNAVAILABLE, null);
            return;
        }
        List<Session> targets = type.equals("headline")
                ? nonNegativeAvailable(stanza.to())
                : highestPriority(stanza.to());
        if (targets.isEmpty()) {
            undeliverable(stanza, origin);
            return;
        }
        List<Session> accepted = deliverEach(stanza, entry, targets);
        if (accepted.isEmpty()) {
            // Every target's stream refused it (closing, or full): as if no resource were available.
            undeliverable(stanza, origin);
        } else if (modules.observesDeliveries()) {
            observe(stanza, origin, new Delivery.Delivered(accepted.stream().map(Session::jid).toList()));
        }
    }

    /** The targets that accepted the stanza: all of them (no copy) unless some refused. */
    private static List<Session> deliverEach(Stanza stanza, DeliveryJournal.Entry entry, List<Session> targets) {
        List<Session> accepted = targets;
        for (int i = 0; i < targets.size(); i++) {
            boolean took = targets.get(i).deliver(stanza, entry);
            if (!took && accepted == targets) {
                accepted = new ArrayList<>(targets.subList(0, i));
            } else if (took && accepted != targets) {
                accepted.add(targets.get(i));
            }
        }
        return accepted;
    }

    /**
     * A stanza a session took but whose client never acknowledged it before the session ended
     * (XEP-0198 §5, resumption window over): it goes where it would have gone had the user been
     * offline. Delivery hooks ran, and delivery listeners heard its outcome (delivered: the
     * archive has it), when the session took it; neither runs again.
     */
    @Override
    public void undelivered(Stanza stanza) {
        switch (stanza.kind()) {
            // RFC 6121 §8.5.3.2.1 (IQ to a resource that is gone): results and errors are dropped by bounce.
            case IQ -> bounce(stanza, StanzaError.SERVICE_UNAVAILABLE, "The recipient is not available");
            // §8.5.2.2.1: normal and chat messages to offline storage or back with an error; others dropped.
            case MESSAGE -> {
                boolean storable = stanza.type().equals("chat") || stanza.type().equals("normal");
                if (storable && modules.undeliverable(stanza) == null) {
                    bounce(stanza, StanzaError.SERVICE_UNAVAILABLE, "The recipient is not available");
                }
            }
            case PRESENCE -> log.debug("Dropped unacknowledged presence to {}", stanza.to());
        }
    }

    /** RFC 6121 §8.5.2.2.1: a headline is dropped, other messages go to the hooks (offline storage) or bounce. */
    private void undeliverable(Stanza message, Origin origin) {
        Delivery.Outcome outcome = message.type().equals("headline") ? Delivery.DROPPED : modules.undeliverable(message);
        if (outcome == null) {
            bounceMessage(message, origin, StanzaError.SERVICE_UNAVAILABLE, "The recipient is not available");
        } else {
            observe(message, origin, outcome);
        }
    }

    /** Bounces a message to an account and tells the delivery listeners. */
    private void bounceMessage(Stanza message, Origin origin, StanzaError condition, String text) {
        bounce(message, condition, text);
        observe(message, origin, new Delivery.Bounced(condition));
    }

    /** A delivery hook took the message (a blocked sender, a refused stranger) and answered as its protocol says. */
    private void refused(Stanza stanza, Origin origin) {
        if (stanza.isMessage()) {
            observe(stanza, origin, Delivery.REFUSED);
        }
    }

    /** Tells the delivery listeners how a message to a local account ended; nothing is built without one. */
    private void observe(Stanza message, Origin origin, Delivery.Outcome outcome) {
        if (modules.observesDeliveries()) {
            modules.delivered(new Delivery(message, origin, outcome));
        }
    }

    private void toFullJid(Stanza stanza, Origin origin, DeliveryJournal.Entry entry) {
        Session session = sessions.get(stanza.to());
        if (session != null) {
            Stanza delivered = modules.delivery(stanza, origin);
            if (delivered == null) {
                refused(stanza, origin);
                return;
            }
            if (session.deliver(delivered, entry)) {
                if (delivered.isMessage() && modules.observesDeliveries()) {
                    observe(delivered, origin, new Delivery.Delivered(List.of(session.jid())));
                }
                return;
            }
            // Refused by a stream that is closing or full: as if the resource were gone (XEP-0198 §5).
            stanza = delivered;
        }
        // RFC 6121 §8.5.3.2: no such resource.
        switch (stanza.kind()) {
            case IQ -> {
                if (!exists(stanza.to().bare())) {
                    toMissingUser(stanza, origin);
                } else {
                    bounce(stanza, StanzaError.SERVICE_UNAVAILABLE, null);
                }
            }
            // §8.5.3.2.1: only a chat message falls back to the bare JID; normal and groupchat
            // messages are refused, headline and error messages dropped.
            case MESSAGE -> {
                switch (stanza.type()) {
                    case "chat" -> toAccount(stanza.withTo(stanza.to().bare()), origin, entry);
                    case "headline", "error" -> observe(stanza, origin, Delivery.DROPPED);
                    default -> bounceMessage(stanza, origin, StanzaError.SERVICE_UNAVAILABLE, null);
                }
            }
            case PRESENCE -> {
                // RFC 6121 §3.1.3, §4.3: subscription requests and probes are for the account, not a resource.
                if (isAccountPresence(stanza.type())) {
                    toAccount(stanza.withTo(stanza.to().bare()), origin, null);
                } else {
                    log.debug("Dropped presence to unavailable resource {}", stanza.to());
                }
            }
        }
    }

    private static boolean isAccountPresence(String type) {
        return switch (type) {
            case "subscribe", "subscribed", "unsubscribe", "unsubscribed", "probe" -> true;
            default -> false;
        };
    }

    /** RFC 6121 §8.5.1: the account does not exist. */
    private void toMissingUser(Stanza stanza, Origin origin) {
        switch (stanza.kind()) {
            case IQ -> bounce(stanza, StanzaError.SERVICE_UNAVAILABLE, null);
            case MESSAGE -> {
                if (stanza.type().equals("headline") || stanza.isError()) {
                    observe(stanza, origin, Delivery.DROPPED);
                } else {
                    bounceMessage(stanza, origin, StanzaError.SERVICE_UNAVAILABLE, null);
                }
            }
            case PRESENCE -> log.debug("Ignored presence to unknown user {}", stanza.to());
        }
    }

    private void handleIq(IqScope scope, Stanza iq, Origin origin) {
        if (!iq.isRequest()) {
            // A response to the server or to an account: it answers a request the server sent, or nothing.
            if (!requests.complete(iq)) {
                log.debug("Dropped IQ response to {} from {}", iq.to(), iq.from());
            }
            return;
        }
        Element payload = iq.payload();
        if (payload == null) {
            bounce(iq, StanzaError.BAD_REQUEST, "An IQ request needs exactly one child element");
            return;
        }
        // The host addressed: the server's domain itself, or the account's.
        IqHandler handler = modules.iqHandler(iq.to().domain(), scope, payload.namespace());
        if (handler == null) {
            bounce(iq, StanzaError.SERVICE_UNAVAILABLE, null);
            return;
        }
        Stanza response = IqHandler.answer(handler, new IqRequest(iq, origin));
        if (response != null) {
            route(response);
        }
    }

    /** Answers a stanza with an error, unless it is an error itself (never answer an error with an error). */
    private void bounce(Stanza stanza, StanzaError condition, String text) {
        if (stanza.isError() || stanza.from() == null) {
            return;
        }
        if (stanza.isIq() && !stanza.isRequest()) {
            return;
        }
        route(stanza.error(condition, text));
    }

    private List<Session> nonNegativeAvailable(Jid bare) {
        List<Session> result = new ArrayList<>();
        for (Session s : sessions.sessionsOf(bare)) {
            if (s.available() && s.priority() >= 0) {
                result.add(s);
            }
        }
        return result;
    }

    private List<Session> highestPriority(Jid bare) {
        List<Session> result = new ArrayList<>();
        int best = 0;
        for (Session s : nonNegativeAvailable(bare)) {
            if (result.isEmpty() || s.priority() > best) {
                result.clear();
                best = s.priority();
                result.add(s);
            } else if (s.priority() == best) {
                result.add(s);
            }
        }
        return result;
    }
}
