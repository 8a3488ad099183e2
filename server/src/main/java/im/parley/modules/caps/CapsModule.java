package im.parley.modules.caps;

import im.parley.module.Declarations;
import im.parley.module.DiscoNodes;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.module.StreamFeature;
import im.parley.session.LocalSessions;
import im.parley.session.Session;
import im.parley.session.SessionKey;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Entity Capabilities (XEP-0115). The server advertises its own caps as a stream feature (§6.3)
 * and answers disco#info on its caps node; it learns, verifies and caches the caps its clients
 * put on their presence, so that other modules can ask what a client supports
 * ({@link #features}, {@link #supports}) without querying it each time.
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
    private LocalSessions sessions;
    private CapsDiscovery discovery;

    /** {@code registry} supplies each host's disco#info, which the caps hash covers; {@code config} is server-wide. */
    public CapsModule(Declarations registry, CapsConfig config) {
        this.registry = registry;
        this.config = config;
        this.cache = new CapsCache(config.cacheSize());
    }

    @Override
    public void start(ModuleContext context) {
        sessions = context.sessions();
        discovery = new CapsDiscovery(context.stanzas(), cache, config.queryTimeout(), this::verified);
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
            discovery.advertised(sender.jid(), caps);
        }
    }

    /** Caps verified by discovery: told for the session that advertised them if it still does. */
    private void verified(Jid fullJid, EntityCaps caps, Set<String> features) {
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
}
