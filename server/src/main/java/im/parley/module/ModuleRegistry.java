package im.parley.module;

import im.parley.router.Router;
import im.parley.session.Session;
import im.parley.session.SessionRegistry;
import im.parley.xmpp.Stanza;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The loaded modules and what they declared: the router asks it for IQ handlers, the disco
 * module for features and identities, the stream negotiation for stream features.
 */
public final class ModuleRegistry implements ModuleContext {
    private record HandlerKey(IqScope scope, String namespace) {
    }

    private final String domain;
    private final Router router;
    private final SessionRegistry sessions;
    private final List<Module> modules = new ArrayList<>();
    private final Map<HandlerKey, IqHandler> handlers = new ConcurrentHashMap<>();
    private final Set<String> serverFeatures = Collections.synchronizedSet(new TreeSet<>());
    private final Set<String> accountFeatures = Collections.synchronizedSet(new TreeSet<>());
    private final List<Identity> serverIdentities = new ArrayList<>();
    private final List<DiscoNodes> serverDiscoNodes = new CopyOnWriteArrayList<>();
    private final List<StreamFeature> streamFeatures = new ArrayList<>();
    private final Hooks<ClientStanzaHook> clientStanzaHooks = new Hooks<>();
    private final Hooks<DeliveryHook> deliveryHooks = new Hooks<>();
    private final List<UndeliverableMessageHook> undeliverableHooks = new CopyOnWriteArrayList<>();
    private final List<SessionListener> sessionListeners = new CopyOnWriteArrayList<>();

    public ModuleRegistry(String domain, Router router, SessionRegistry sessions) {
        this.domain = domain;
        this.router = router;
        this.sessions = sessions;
    }

    /** Starts a module: it registers its handlers and features here. */
    public void load(Module module) {
        module.start(this);
        modules.add(module);
    }

    public void stopAll() {
        for (int i = modules.size() - 1; i >= 0; i--) {
            modules.get(i).stop();
        }
        modules.clear();
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public void serverFeature(String namespace) {
        serverFeatures.add(namespace);
    }

    @Override
    public void accountFeature(String namespace) {
        accountFeatures.add(namespace);
    }

    @Override
    public void serverIdentity(Identity identity) {
        serverIdentities.add(identity);
    }

    @Override
    public void serverDiscoNodes(DiscoNodes nodes) {
        serverDiscoNodes.add(nodes);
    }

    @Override
    public void handleIq(IqScope scope, String namespace, IqHandler handler) {
        IqHandler previous = handlers.putIfAbsent(new HandlerKey(scope, namespace), handler);
        if (previous != null) {
            throw new IllegalStateException("two handlers for " + scope + " IQs in " + namespace);
        }
    }

    @Override
    public void streamFeature(StreamFeature feature) {
        streamFeatures.add(feature);
    }

    @Override
    public void onClientStanza(int priority, ClientStanzaHook hook) {
        clientStanzaHooks.add(priority, hook);
    }

    @Override
    public void onDelivery(int priority, DeliveryHook hook) {
        deliveryHooks.add(priority, hook);
    }

    @Override
    public void onUndeliverableMessage(UndeliverableMessageHook hook) {
        undeliverableHooks.add(hook);
    }

    @Override
    public void onSession(SessionListener listener) {
        sessionListeners.add(listener);
    }

    @Override
    public Router router() {
        return router;
    }

    @Override
    public SessionRegistry sessions() {
        return sessions;
    }

    /** The handler for an IQ payload namespace, or null (the router answers service-unavailable). */
    public IqHandler iqHandler(IqScope scope, String namespace) {
        return handlers.get(new HandlerKey(scope, namespace));
    }

    public List<String> serverFeatures() {
        synchronized (serverFeatures) {
            return List.copyOf(serverFeatures);
        }
    }

    public List<String> accountFeatures() {
        synchronized (accountFeatures) {
            return List.copyOf(accountFeatures);
        }
    }

    public List<Identity> serverIdentities() {
        return List.copyOf(serverIdentities);
    }

    /** The modules that describe nodes of the server's JID, in loading order. */
    public List<DiscoNodes> serverDiscoNodes() {
        return List.copyOf(serverDiscoNodes);
    }

    public List<StreamFeature> streamFeatures() {
        return List.copyOf(streamFeatures);
    }

    /** Runs the client-stanza hooks; returns the stanza to route, or null when a hook dealt with it. */
    public Stanza clientStanza(Session sender, Stanza stanza) {
        for (ClientStanzaHook hook : clientStanzaHooks.inOrder()) {
            stanza = hook.handle(sender, stanza);
            if (stanza == null) {
                return null;
            }
        }
        return stanza;
    }

    /** Runs the delivery hooks; returns the stanza to deliver, or null when a hook dealt with it. */
    public Stanza delivery(Stanza stanza) {
        for (DeliveryHook hook : deliveryHooks.inOrder()) {
            stanza = hook.handle(stanza);
            if (stanza == null) {
                return null;
            }
        }
        return stanza;
    }

    /** Offers an undeliverable message to the hooks; true when one accepted it. */
    public boolean undeliverable(Stanza message) {
        for (UndeliverableMessageHook hook : undeliverableHooks) {
            if (hook.accept(message)) {
                return true;
            }
        }
        return false;
    }

    public void sessionBound(Session session) {
        sessionListeners.forEach(l -> l.bound(session));
    }

    @Override
    public void sessionAvailable(Session session) {
        sessionListeners.forEach(l -> l.available(session));
    }

    @Override
    public void sessionAcceptsMessages(Session session) {
        sessionListeners.forEach(l -> l.acceptsMessages(session));
    }

    /**
     * In the reverse order of registration, as modules stop: a module keeps what later ones build
     * on (the roster it holds in memory) until they have said goodbye (the final unavailable presence).
     */
    public void sessionEnded(Session session) {
        sessionListeners.reversed().forEach(l -> l.ended(session));
    }

    /** Hooks kept sorted by descending priority; registration happens at start-up, reads on every stanza. */
    private static final class Hooks<H> {
        private record Entry<H>(int priority, H hook) {
        }

        private final List<Entry<H>> entries = new ArrayList<>();
        private volatile List<H> ordered = List.of();

        synchronized void add(int priority, H hook) {
            entries.add(new Entry<>(priority, hook));
            entries.sort((a, b) -> Integer.compare(b.priority(), a.priority()));
            ordered = entries.stream().map(Entry::hook).toList();
        }

        List<H> inOrder() {
            return ordered;
        }
    }
}
