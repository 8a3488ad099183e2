package im.parley.modules.push;

import im.parley.module.Accounts;
import im.parley.module.Delivery;
import im.parley.module.HostSettings;
import im.parley.module.IqRequest;
import im.parley.module.IqScope;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.module.SessionListener;
import im.parley.session.ClientSession;
import im.parley.session.LocalSessions;
import im.parley.session.Session;
import im.parley.xml.Element;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Namespaces;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push notifications (XEP-0357): a client enables (and disables) its app server's push service
 * with an IQ set to its own account (§5), kept per account in {@link PushRegistrations}; when a
 * message worth a notification arrives for an account none of whose clients is connected (stored
 * offline) or for a detached session waiting for its client to resume it (XEP-0198), every
 * enabled service gets a push ({@link Publisher}). What arrived is told by the router's
 * {@link Delivery} outcome: {@code StoredOffline}, or {@code Delivered} to a session that is
 * detached.
 */
public final class PushModule implements Module, PushNotifications {
    static final String NAMESPACE = "urn:xmpp:push:0";
    static final String PUBLISH_OPTIONS = "http://jabber.org/protocol/pubsub#publish-options";
    /** End-to-end encrypted payloads, which a notification stands for although the body says nothing: OMEMO (both), OpenPGP for XMPP. */
    private static final Set<String> ENCRYPTED = Set.of("eu.siacs.conversations.axolotl", "urn:xmpp:omemo:2",
            "urn:xmpp:openpgp:0");
    private static final Logger log = LoggerFactory.getLogger(PushModule.class);

    private final CachedPushRegistrations registrations;
    private final Accounts accounts;
    private final HostSettings<PushConfig> settings;
    private final Clock clock;
    /**
     * Messages notified per account (with a push service) since one of its clients last got one
     * or came online: the summary's message-count. In memory: a restart starts the count afresh.
     */
    private final Map<Jid, AtomicInteger> unseen = new ConcurrentHashMap<>();
    private LocalSessions sessions;
    private Publisher publisher;

    public PushModule(PushRegistrations registrations, Accounts accounts, HostSettings<PushConfig> settings, Clock clock) {
        this.registrations = new CachedPushRegistrations(registrations);
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void start(ModuleContext context) {
        sessions = context.sessions();
        publisher = new Publisher(context.stanzas(), registrations, settings, clock);
        accounts.onDeletion(registrations::forget);
        context.accountFeature(NAMESPACE);
        context.handleIq(IqScope.ACCOUNT, NAMESPACE, this::configure);
        context.onDelivered(this::delivered);
        context.onSession(new SessionListener() {
            @Override
            public void available(Session session) {
                unseen.remove(session.jid().bare());
            }
        });
    }

    /** §5: enable or disable a push service, only by the account's own clients. */
    private Stanza configure(IqRequest request) {
        Stanza iq = request.iq();
        Element payload = iq.payload();
        if (!"set".equals(iq.type())) {
            return iq.error(StanzaError.BAD_REQUEST, "Push services are enabled and disabled with type set");
        }
        if (iq.from() == null || !iq.to().equals(iq.from().bare())) {
            log.info("Refused a push configuration from {} for {}", iq.from(), iq.to());
            return iq.error(StanzaError.NOT_ALLOWED, "Only the account's own clients enable its push services");
        }
        Jid service = Jid.parseOrNull(payload.attribute("jid"));
        if (service == null) {
            log.debug("Push {} from {} without a valid 'jid'", payload.name(), iq.from());
            return iq.error(StanzaError.BAD_REQUEST, "'jid' must name the push service");
        }
        Jid account = iq.to();
        String node = payload.attribute("node");
        return switch (payload.name()) {
            case "enable" -> enable(iq, account, service, node == null ? "" : node, payload.child("x", DataForm.NAMESPACE));
            case "disable" -> {
                registrations.disable(account, service, node);
                publisher.forget(account, service, node);
                log.info("{} disabled push to {}{}", account, service, node == null ? "" : " node '" + node + "'");
                yield iq.result(null);
            }
            default -> iq.error(StanzaError.BAD_REQUEST, "Expected <enable/> or <disable/>");
        };
    }

    /** §5: the optional publish options form is kept as it came, to be sent back with every push. */
    private Stanza enable(Stanza iq, Jid account, Jid service, String node, Element options) {
        if (options != null && !isPublishOptions(options)) {
            log.debug("Push enable from {} with a form that is not publish options", iq.from());
            return iq.error(StanzaError.BAD_REQUEST, "The form must be of type " + PUBLISH_OPTIONS);
        }
        Registration enabled = new Registration(account, service, node, options);
        int max = settings.of(enabled.account().domain()).maxRegistrationsPerUser();
        if (!registrations.enable(enabled, max)) {
            log.info("{} has {} push services enabled already", enabled.account(), max);
            return iq.error(StanzaError.POLICY_VIOLATION, "At most " + max + " push services per account");
        }
        // Enabled again: whatever failed before starts afresh.
        publisher.forget(enabled.account(), enabled.service(), enabled.node());
        log.info("{} enabled push to {} node '{}'", enabled.account(), enabled.service(), enabled.node());
        return iq.result(null);
    }

    private static boolean isPublishOptions(Element form) {
        try {
            return PUBLISH_OPTIONS.equals(DataForm.parse(form).formType());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A message arrived for the account: stored offline, it is notified; delivered, it is notified
     * if a session that took it is detached (its client may be asleep), and a connected session that took
     * it has seen what came before.
     */
    private void delivered(Delivery delivery) {
        Stanza message = delivery.stanza();
        if (!notifies(message)) {
            return;
        }
        Jid account = message.to().bare();
        boolean notify = switch (delivery.outcome()) {
            case Delivery.StoredOffline stored -> true;
            case Delivery.Delivered delivered -> detachedAmong(delivered, account);
            default -> false;
        };
        if (notify) {
            notify(account, message);
        }
    }

    @Override
    public void notify(Jid account, Stanza message) {
        publisher.notify(account, message, () -> unseen.computeIfAbsent(account, a -> new AtomicInteger()).incrementAndGet());
    }

    private boolean detachedAmong(Delivery.Delivered delivered, Jid account) {
        boolean detached = false;
        for (Jid resource : delivered.resources()) {
            if (sessions.get(resource) instanceof ClientSession session && session.detached()) {
                detached = true;
            } else {
                unseen.remove(account);
            }
        }
        return detached;
    }

    /**
     * Messages a user wants to be woken for: chat and normal ones with a body or an encrypted
     * payload. Not errors, headlines, room messages (a busy room would wake the phone for every
     * line), nor chat states, receipts or markers without a body.
     */
    static boolean notifies(Stanza message) {
        String type = message.type();
        if (!type.equals("chat") && !type.equals("normal")) {
            return false;
        }
        Element element = message.element();
        if (element.child("body", Namespaces.STANZA) != null) {
            return true;
        }
        for (Element child : element.elements()) {
            if (ENCRYPTED.contains(child.namespace())) {
                return true;
            }
        }
        return false;
    }
}
