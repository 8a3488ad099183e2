package im.parley.router;

import im.parley.module.IqHandler;
import im.parley.module.IqRequest;
import im.parley.module.IqScope;
import im.parley.module.ModuleRegistry;
import im.parley.session.Session;
import im.parley.session.SessionRegistry;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where a stanza goes: a local session, a module handler, or back to its sender as an
 * error. The delivery rules are those of RFC 6120 §10 and RFC 6121 §8.5 for a server without
 * federation: any other domain is answered with {@code remote-server-not-found}.
 */
public final class StanzaRouter implements Router {
    private static final Logger log = LoggerFactory.getLogger(StanzaRouter.class);

    private final String domain;
    private final SessionRegistry sessions;
    private final LocalUsers users;
    private final IqTracker requests = new IqTracker(this::route);
    private ModuleRegistry modules;

    public StanzaRouter(String domain, SessionRegistry sessions, LocalUsers users) {
        this.domain = domain;
        this.sessions = sessions;
        this.users = users;
    }

    /** Completes the wiring: modules need the router to be built, the router needs their handlers. */
    public void modules(ModuleRegistry registry) {
        this.modules = registry;
    }

    @Override
    public void route(Stanza stanza) {
        route(stanza, null);
    }

    @Override
    public CompletableFuture<Stanza> request(Stanza iq, Duration timeout) {
        return requests.request(iq, timeout);
    }

    /** Routes a stanza that arrived on a client connection from {@code remoteAddress}. */
    public void route(Stanza stanza, InetSocketAddress remoteAddress) {
        Jid to = stanza.to();
        if (to == null) {
            // RFC 6120 §10.3: no 'to' means the sender's own account handles it.
            toAccount(stanza.withTo(stanza.from().bare()), remoteAddress);
        } else if (!to.domain().equals(domain)) {
            bounce(stanza, StanzaError.REMOTE_SERVER_NOT_FOUND, "Federation is not available");
        } else if (to.isDomain()) {
            toServer(stanza, remoteAddress);
        } else if (to.isBare()) {
            toAccount(stanza, remoteAddress);
        } else {
            toFullJid(stanza, remoteAddress);
        }
    }

    private void toServer(Stanza stanza, InetSocketAddress remoteAddress) {
        switch (stanza.kind()) {
            case IQ -> handleIq(IqScope.SERVER, stanza, remoteAddress);
            case MESSAGE -> {
                if (stanza.type().equals("chat") || stanza.type().equals("normal")) {
                    bounce(stanza, StanzaError.SERVICE_UNAVAILABLE, null);
                }
            }
            case PRESENCE -> log.debug("Ignored presence to the server from {}", stanza.from());
        }
    }

    private void toAccount(Stanza stanza, InetSocketAddress remoteAddress) {
        Jid to = stanza.to();
        if (stanza.isPresence() && !isAccountPresence(stanza.type()) && !hasAvailableResource(to)) {
            // RFC 6121 §8.5.2.2.2, and §8.5.1 for a missing account: ignored either way, so no store
            // lookup for each offline contact a login or logout is broadcast to.
            return;
        }
        boolean ownAccount = stanza.from() != null && stanza.from().bare().equals(to);
        if (!ownAccount && !isProbe(stanza) && !exists(to)) {
            toMissingUser(stanza);
            return;
        }
        Stanza delivered = modules.delivery(stanza);
        if (delivered == null) {
            return;
        }
        deliverToAccount(delivered, remoteAddress);
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

    /** An account with a bound session exists: only offline accounts cost a store lookup. */
    private boolean exists(Jid bare) {
        return !sessions.sessionsOf(bare).isEmpty() || users.exists(bare.local());
    }

    private void deliverToAccount(Stanza stanza, InetSocketAddress remoteAddress) {
        Jid to = stanza.to();
        switch (stanza.kind()) {
            case IQ -> handleIq(IqScope.ACCOUNT, stanza, remoteAddress);
            case MESSAGE -> messageToBareJid(stanza);
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
    private void messageToBareJid(Stanza stanza) {
        String type = stanza.type();
        if (type.equals("error")) {
            return;
        }
        if (type.equals("groupchat")) {
            bounce(stanza, StanzaError.SERVICE_UNAVAILABLE, null);
            return;
        }
        List<Session> targets = type.equals("headline")
                ? nonNegativeAvailable(stanza.to())
                : highestPriority(stanza.to());
        if (targets.isEmpty()) {
            if (!type.equals("headline") && !modules.undeliverable(stanza)) {
                bounce(stanza, StanzaError.SERVICE_UNAVAILABLE, "The recipient is not available");
            }
            return;
        }
        for (Session session : targets) {
            session.deliver(stanza);
        }
    }

    private void toFullJid(Stanza stanza, InetSocketAddress remoteAddress) {
        Session session = sessions.get(stanza.to());
        if (session != null) {
            Stanza delivered = modules.delivery(stanza);
            if (delivered != null) {
                session.deliver(delivered);
            }
            return;
        }
        // RFC 6121 §8.5.3.2: no such resource.
        switch (stanza.kind()) {
            case IQ -> {
                if (!exists(stanza.to().bare())) {
                    toMissingUser(stanza);
                } else {
                    bounce(stanza, StanzaError.SERVICE_UNAVAILABLE, null);
                }
            }
            // §8.5.3.2.1: only a chat message falls back to the bare JID; normal and groupchat
            // messages are refused, headline and error messages dropped.
            case MESSAGE -> {
                switch (stanza.type()) {
                    case "chat" -> toAccount(stanza.withTo(stanza.to().bare()), remoteAddress);
                    case "headline", "error" -> log.debug("Dropped message to unavailable resource {}", stanza.to());
                    default -> bounce(stanza, StanzaError.SERVICE_UNAVAILABLE, null);
                }
            }
            case PRESENCE -> {
                // RFC 6121 §3.1.3, §4.3: subscription requests and probes are for the account, not a resource.
                if (isAccountPresence(stanza.type())) {
                    toAccount(stanza.withTo(stanza.to().bare()), remoteAddress);
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
    private void toMissingUser(Stanza stanza) {
        switch (stanza.kind()) {
            case IQ -> bounce(stanza, StanzaError.SERVICE_UNAVAILABLE, null);
            case MESSAGE -> {
                if (!stanza.type().equals("headline")) {
                    bounce(stanza, StanzaError.SERVICE_UNAVAILABLE, null);
                }
            }
            case PRESENCE -> log.debug("Ignored presence to unknown user {}", stanza.to());
        }
    }

    private void handleIq(IqScope scope, Stanza iq, InetSocketAddress remoteAddress) {
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
        IqHandler handler = modules.iqHandler(scope, payload.namespace());
        if (handler == null) {
            bounce(iq, StanzaError.SERVICE_UNAVAILABLE, null);
            return;
        }
        Stanza response = answer(handler, new IqRequest(iq, remoteAddress));
        if (response != null) {
            route(response);
        }
    }

    /** Runs a handler; a failure becomes internal-server-error for the sender and a log line for us. */
    public static Stanza answer(IqHandler handler, IqRequest request) {
        try {
            return handler.handle(request);
        } catch (Exception | LinkageError e) {
            log.warn("IQ handler failed for {}", request.iq(), e);
            return request.iq().error(StanzaError.INTERNAL_SERVER_ERROR, null);
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
