package im.parley.modules.carbons;

import im.parley.module.BindInline;
import im.parley.module.Delivery;
import im.parley.module.IqRequest;
import im.parley.module.IqScope;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.modules.carbons.Eligibility.Direction;
import im.parley.session.ClientSession;
import im.parley.session.LocalSessions;
import im.parley.session.Session;
import im.parley.session.SessionKey;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Message Carbons (XEP-0280): a resource that enables carbons gets a copy of every instant
 * message its account sends from another resource ({@code <sent/>}, copied before routing) and
 * of every one delivered to its account's other resources ({@code <received/>}, from the router's
 * {@link Delivery.Delivered} outcome, which names the resources that got the original, so a message
 * to the bare JID is copied only to those RFC 6121 §8.5 did not deliver it to). Copies go straight
 * into the sessions' queues: a copy a session refuses is dropped, never bounced to the original's
 * sender (§11), and no other module sees it as a message of its own.
 */
public final class CarbonsModule implements Module {
    public static final String NAMESPACE = "urn:xmpp:carbons:2";
    static final String FORWARD = "urn:xmpp:forward:0";
    /** After every other client stanza hook: only what goes on to routing is copied. */
    static final int HOOK_PRIORITY = -1000;
    private static final SessionKey<Boolean> ENABLED = new SessionKey<>("carbons.enabled");
    private static final Logger log = LoggerFactory.getLogger(CarbonsModule.class);

    private LocalSessions sessions;

    @Override
    public void start(ModuleContext context) {
        sessions = context.sessions();
        context.serverFeature(NAMESPACE);
        context.handleIq(IqScope.ACCOUNT, NAMESPACE, this::toggle);
        context.bindInline(new InlineEnable());
        context.onClientStanza(HOOK_PRIORITY, this::sent);
        context.onDelivered(this::received);
    }

    /** §4 and §5: enable or disable carbons for the requesting resource; repeating either is no error (§8). */
    private Stanza toggle(IqRequest request) {
        Stanza iq = request.iq();
        Element payload = iq.payload();
        if (!"set".equals(iq.type())) {
            return iq.error(StanzaError.BAD_REQUEST, "Carbons are enabled and disabled with type set");
        }
        Session session = iq.from() == null ? null : sessions.get(iq.from());
        if (session == null || !iq.to().equals(iq.from().bare())) {
            log.debug("Refused a carbons request from {} to {}", iq.from(), iq.to());
            return iq.error(StanzaError.NOT_ALLOWED, "Only a resource of this account can switch its own carbons");
        }
        switch (payload.name()) {
            case "enable" -> session.put(ENABLED, Boolean.TRUE);
            case "disable" -> session.put(ENABLED, null);
            default -> {
                return iq.error(StanzaError.BAD_REQUEST, "Expected <enable/> or <disable/>");
            }
        }
        return iq.result(null);
    }

    /** XEP-0386 §3.2: {@code <enable/>} inside Bind2's {@code <bind/>}; it always succeeds and answers nothing. */
    private static final class InlineEnable implements BindInline {
        @Override
        public String namespace() {
            return NAMESPACE;
        }

        @Override
        public Element enable(ClientSession session, Element request) {
            if (request.name().equals("enable")) {
                session.put(ENABLED, Boolean.TRUE);
            }
            return null;
        }
    }

    /** §7: a message a resource sends is copied to the account's other carbon-enabled resources. */
    private Stanza sent(Session sender, Stanza stanza) {
        if (!stanza.isMessage() || stanza.to() == null) {
            return stanza;
        }
        Jid account = sender.jid().bare();
        if (stanza.to().bare().equals(account)) {
            // To the account itself: its resources get it, or a received copy, on delivery.
            return stanza;
        }
        Jid resource = sender.jid();
        List<Session> targets = enabledSessions(account, s -> !s.jid().equals(resource));
        if (!targets.isEmpty() && Eligibility.copied(stanza, Direction.SENT)) {
            copy("sent", stanza, account, targets);
        }
        return stanza;
    }

    /**
     * §6: a message for the account is copied to each carbon-enabled resource that did not receive
     * it: those it was not delivered to, or all of them when it was stored offline (every available
     * resource has a negative priority, RFC 6121 §8.5.2.1.1).
     */
    private void received(Delivery delivery) {
        List<Jid> receivedBy = switch (delivery.outcome()) {
            case Delivery.Delivered delivered -> delivered.resources();
            case Delivery.StoredOffline stored -> List.of();
            default -> null;
        };
        if (receivedBy == null) {
            return;
        }
        Stanza message = delivery.stanza();
        Jid account = message.to().bare();
        Jid sender = delivery.origin().jid();
        List<Session> targets = enabledSessions(account,
                s -> !receivedBy.contains(s.jid()) && !s.jid().equals(sender));
        if (!targets.isEmpty() && Eligibility.copied(message, Direction.RECEIVED)) {
            copy("received", message, account, targets);
        }
    }

    /** The account's carbon-enabled sessions that pass the filter; no list is made for an account without any. */
    private List<Session> enabledSessions(Jid account, Predicate<Session> filter) {
        List<Session> targets = List.of();
        for (Session s : sessions.sessionsOf(account)) {
            if (s.get(ENABLED) != null && filter.test(s)) {
                if (targets.isEmpty()) {
                    targets = new ArrayList<>(2);
                }
                targets.add(s);
            }
        }
        return targets;
    }

    /**
     * Delivers the original wrapped (§6, §7): from the account's bare JID, so that a client can tell
     * a copy from a forgery (§11), to each resource, with the original's type. The original is
     * forwarded as it is (XEP-0297), written in the client stream's namespace.
     */
    private static void copy(String direction, Stanza original, Jid account, List<Session> targets) {
        Element wrapper = Element.builder("message", Namespaces.STANZA)
                .attribute("type", original.element().attribute("type"))
                .child(Element.builder(direction, NAMESPACE)
                        .child(Element.builder("forwarded", FORWARD).child(original.element()).build())
                        .build())
                .build();
        Stanza carbon = Stanza.of(wrapper);
        for (Session target : targets) {
            target.deliver(carbon.withAddresses(account, target.jid()));
        }
    }
}
