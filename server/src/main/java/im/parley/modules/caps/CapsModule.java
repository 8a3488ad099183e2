package im.parley.modules.caps;

import im.parley.module.Declarations;
import im.parley.module.DiscoNodes;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.module.Origin;
import im.parley.module.PresenceAuthorization;
import im.parley.module.SessionListener;
import im.parley.module.StanzaSender;
import im.parley.module.StreamFeature;
import im.parley.session.LocalSessions;
import im.parley.session.Session;
import im.parley.session.SessionKey;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Entity Capabilities (XEP-0115). The server advertises its own caps as a stream feature (§6.3)
 * and answers disco#info on its caps node; it learns, verifies and caches the caps its clients
 * put on their presence, so that other modules can ask what a client supports
 * ({@link #features}, {@link #supports}) without querying it each time. It does the same for the
 * resources of remote contacts that send a local account presence with caps, as that account
 * sees them ({@link #contactResources}), verifying their caps with a query from the account.
 */
public final class CapsModule implements Module, ClientCapabilities {
    /** The caps node of this software (§4: a URI that identifies the application). */
    public static final String NODE = "https://parley.im";
    /** Above the presence module's broadcast (priority 0), which consumes the presence. */
    private static final int HOOK_PRIORITY = 10;
    private static final SessionKey<EntityCaps> CAPS = new SessionKey<>("caps");

    private final Declarations registry;
    private final CapsConfig config;
    private final CapsCache cache;
    /** Each host's own caps: its disco#info differs with the features switched on for it. */
    private final Map<String, EntityCaps> serverCaps = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<ContactListener> contactListeners = new CopyOnWriteArrayList<>();
    private final ContactCaps contacts = new ContactCaps();
    private final PresenceAuthorization subscribers;
    private LocalSessions sessions;
    private StanzaSender stanzas;
    private CapsDiscovery discovery;

    /**
     * {@code registry} supplies each host's disco#info, which the caps hash covers; {@code config} is
     * server-wide; {@code subscribers} says which remote contacts' caps are kept (those subscribed to
     * the account's presence, whom personal eventing notifies).
     */
    public CapsModule(Declarations registry, CapsConfig config, PresenceAuthorization subscribers) {
        this.registry = registry;
        this.subscribers = subscribers;
        this.config = config;
        this.cache = new CapsCache(config.cacheSize());
    }

    @Override
    public void start(ModuleContext context) {
        sessions = context.sessions();
        stanzas = context.stanzas();
        discovery = new CapsDiscovery(stanzas, cache, config.queryTimeout(), this::verified);
        context.serverFeature(EntityCaps.NAMESPACE);
        context.streamFeature(new StreamFeature(host -> serverCaps(host).toElement(), false, true));
        // XEP-0115 §6.2: the caps node 'node#ver' describes the server itself.
        context.serverDiscoNodes(new DiscoNodes() {
            @Override
            public Info info(Jid requester, Jid host, String node) {
                return node.equals(serverCaps(host.domain()).discoNode())
                        ? new Info(registry.serverIdentities(host.domain()), registry.serverFeatures(host.domain()))
                        : null;
            }

            @Override
            public List<Item> items(Jid requester, Jid host, String node) {
                return null;
            }
        });
        context.onClientStanza(HOOK_PRIORITY, (sender, stanza) -> {
            if (stanza.isPresence() && stanza.to() == null) {
                broadcastPresence(sender, stanza);
            }
            return stanza;
        });
        context.onDelivery(HOOK_PRIORITY, this::contactPresence);
        context.onSession(new SessionListener() {
            @Override
            public void ended(Session session) {
                forgetContactsIfOffline(session.jid().bare(), null);
            }
        });
    }

    /**
     * A host's own caps: a SHA-1 hash over what the loaded modules declared for it. Computed on
     * first use, after start-up, when every module has declared its features.
     */
    public EntityCaps serverCaps(String host) {
        return serverCaps.computeIfAbsent(host, this::computeCaps);
    }

    private EntityCaps computeCaps(String host) {
        DiscoInfo info = new DiscoInfo(
                registry.serverIdentities(host).stream()
                        .map(i -> new DiscoInfo.Identity(i.category(), i.type(), null, i.name())).toList(),
                registry.serverFeatures(host), List.of());
        return new EntityCaps("sha-1", NODE, VerificationString.of(info, "sha-1"));
    }

    @Override
    public Set<String> features(Jid fullJid) {
        Session session = sessions.get(fullJid);
        EntityCaps caps = session == null ? null : session.get(CAPS);
        Set<String> features = caps == null ? null : cache.get(caps.verification());
        return features == null ? Set.of() : features;
    }

    /** True when the client at {@code fullJid} is known (by verified caps) to support {@code feature}. */
    public boolean supports(Jid fullJid, String feature) {
        return features(fullJid).contains(feature);
    }

    @Override
    public void onChange(Listener listener) {
        listeners.add(listener);
    }

    /**
     * Remembers the caps of the client's broadcast presence and learns them when they are new;
     * caps already verified and new to the session are told to the listeners at once.
     */
    private void broadcastPresence(Session sender, Stanza presence) {
        if (presence.element().attribute("type") != null) {
            // Unavailable (or an invalid type the presence module refuses): no capabilities any more.
            sender.put(CAPS, null);
            forgetContactsIfOffline(sender.jid().bare(), sender);
            return;
        }
        EntityCaps caps = EntityCaps.of(presence);
        EntityCaps before = sender.get(CAPS);
        sender.put(CAPS, caps);
        if (caps == null || !VerificationString.supports(caps.hash())
                || before != null && before.verification().equals(caps.verification())) {
            return;
        }
        Set<String> known = cache.get(caps.verification());
        if (known != null) {
            tell(sender.jid(), known);
        } else {
            discovery.advertised(sender.jid(), Jid.domain(sender.jid().domain()), caps);
        }
    }

    /**
     * Presence from a remote server's user to a local account (RFC 6121 §4.2.2, §4.4.2, §4.6, or a
     * probe's answer): the caps of an available resource subscribed to the account's presence are
     * kept for the account and learnt when new, verified with a disco#info query from the account's
     * bare JID (XEP-0163 §4.3.1's example: the answer routes back to it); unavailable presence ends them.
     */
    private Stanza contactPresence(Stanza stanza, Origin origin) {
        if (origin.kind() != Origin.Kind.SERVER || !stanza.isPresence() || stanza.from() == null) {
            return stanza;
        }
        Jid account = stanza.to().bare();
        Jid resource = stanza.from();
        switch (stanza.type()) {
            case "available" -> {
                EntityCaps caps = EntityCaps.of(stanza);
                if (resource.isBare() || caps == null || !VerificationString.supports(caps.hash())
                        || !subscribers.maySeePresence(account, resource.bare())) {
                    contacts.unavailable(account, resource);
                } else {
                    contactAvailable(account, resource, caps);
                }
            }
            case "unavailable", "error" -> contacts.unavailable(account, resource);
            default -> {
                // Subscription stanzas and probes say nothing about a resource's capabilities.
            }
        }
        return stanza;
    }

    private void contactAvailable(Jid account, Jid resource, EntityCaps caps) {
        EntityCaps before = contacts.available(account, resource, caps);
        if (before != null && before.verification().equals(caps.verification())) {
            return;
        }
        Set<String> known = cache.get(caps.verification());
        if (known != null) {
            tellContact(account, resource, known);
        } else {
            discovery.advertised(resource, account, caps);
        }
    }

    /** When the user has no available resource left (the leaving one aside), what its contacts said is forgotten. */
    private void forgetContactsIfOffline(Jid user, Session leaving) {
        for (Session session : sessions.sessionsOf(user)) {
            if (session != leaving && session.available()) {
                return;
            }
        }
        contacts.forget(user);
    }

    @Override
    public void onContactChange(ContactListener listener) {
        contactListeners.add(listener);
    }

    @Override
    public Map<Jid, Set<String>> contactResources(Jid account, Jid contact) {
        Map<Jid, Set<String>> resources = new LinkedHashMap<>();
        for (Map.Entry<Jid, EntityCaps> resource : contacts.resources(account, contact)) {
            Set<String> features = cache.get(resource.getValue().verification());
            resources.put(resource.getKey(), features == null ? Set.of() : features);
        }
        return resources;
    }

    @Override
    public void probeContact(Jid account, Jid contact) {
        for (Session session : sessions.sessionsOf(account)) {
            if (session.available()) {
                // The answer comes to this resource, through contactPresence like any presence of the contact.
                stanzas.route(Stanza.presence("probe").withAddresses(session.jid(), contact.bare()));
                return;
            }
        }
    }

    /**
     * Caps verified by discovery, asked from a host (for a local session, told if it still
     * advertises them) or from an account (for its remote contact's resource, likewise).
     */
    private void verified(Jid fullJid, Jid from, EntityCaps caps, Set<String> features) {
        if (from.local() != null) {
            EntityCaps current = contacts.get(from, fullJid);
            if (current != null && current.verification().equals(caps.verification())) {
                tellContact(from, fullJid, features);
            }
            return;
        }
        Session session = sessions.get(fullJid);
        EntityCaps current = session == null ? null : session.get(CAPS);
        if (current != null && current.verification().equals(caps.verification())) {
            tell(fullJid, features);
        }
    }

    private void tell(Jid fullJid, Set<String> features) {
        for (Listener listener : listeners) {
            listener.capabilitiesChanged(fullJid, features);
        }
    }

    private void tellContact(Jid account, Jid resource, Set<String> features) {
        for (ContactListener listener : contactListeners) {
            listener.capabilitiesChanged(account, resource, features);
        }
    }
}
