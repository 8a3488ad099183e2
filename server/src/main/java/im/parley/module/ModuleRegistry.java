package im.parley.module;

import im.parley.session.LocalSessions;
import im.parley.session.ResumableSessions;
import im.parley.session.Session;
import im.parley.session.SessionHooks;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The started modules and what they declared: the router reads it as its {@link Dispatch} (IQ
 * handlers, hooks), service discovery as {@link Declarations}, the stream negotiation for stream
 * features. Modules declare through a {@link ModuleContext} it hands out, which carries the
 * stanza sender so that the registry itself never needs the router.
 */
public final class ModuleRegistry implements Dispatch, Declarations, SessionHooks {
    private record ElementKey(String namespace, String name) {
    }

    private final Set<String> hosts;
    private final LocalSessions sessions;
    private final List<Module> modules = new ArrayList<>();
    /** Looked up for every IQ: by scope, then namespace, with no key object made per lookup. */
    private final Map<IqScope, Map<String, IqHandler>> handlers = new EnumMap<>(IqScope.class);
    private final Set<String> serverFeatures = Collections.synchronizedSet(new TreeSet<>());
    private final Set<String> accountFeatures = Collections.synchronizedSet(new TreeSet<>());
    private final List<Identity> serverIdentities = new CopyOnWriteArrayList<>();
    private final List<DiscoNodes> serverDiscoNodes = new CopyOnWriteArrayList<>();
    private final List<ServiceDomain> serviceDomains = new CopyOnWriteArrayList<>();
    private final List<StreamFeature> streamFeatures = new CopyOnWriteArrayList<>();
    private final List<NegotiationStep> negotiationSteps = new CopyOnWriteArrayList<>();
    private final Map<ElementKey, StreamElementHandler> streamElementHandlers = new ConcurrentHashMap<>();
    private final Hooks<ClientStanzaHook> clientStanzaHooks = new Hooks<>();
    private final Hooks<DeliveryHook> deliveryHooks = new Hooks<>();
    private final List<UndeliverableMessageHook> undeliverableHooks = new CopyOnWriteArrayList<>();
    private final List<DeliveryListener> deliveryListeners = new CopyOnWriteArrayList<>();
    private final List<StanzaHandler> serverPresenceHandlers = new CopyOnWriteArrayList<>();
    private final List<SessionListener> sessionListeners = new CopyOnWriteArrayList<>();

    /** @param hosts the hosted domains, in configuration order */
    public ModuleRegistry(Set<String> hosts, LocalSessions sessions) {
        this.hosts = Set.copyOf(hosts);
        this.sessions = sessions;
        for (IqScope scope : IqScope.values()) {
            handlers.put(scope, new ConcurrentHashMap<>());
        }
    }

    /**
     * The context modules declare through; they send stanzas with {@code sender} and keep
     * sessions for resumption in {@code resumable}.
     */
    public ModuleContext context(StanzaSender sender, ResumableSessions resumable) {
        return new Context(sender, resumable);
    }

    /** Starts a module: it registers its handlers and features through {@code context}. */
    public void load(Module module, ModuleContext context) {
        module.start(context);
        modules.add(module);
    }

    public void stopAll() {
        for (int i = modules.size() - 1; i >= 0; i--) {
            modules.get(i).stop();
        }
        modules.clear();
    }

    // ---- Dispatch: read by the router on every stanza ----

    @Override
    public IqHandler iqHandler(IqScope scope, String namespace) {
        return handlers.get(scope).get(namespace);
    }

    @Override
    public Stanza delivery(Stanza stanza, Origin origin) {
        for (DeliveryHook hook : deliveryHooks.inOrder()) {
            stanza = hook.handle(stanza, origin);
            if (stanza == null) {
                return null;
            }
        }
        return stanza;
    }

    @Override
    public Delivery.Outcome undeliverable(Stanza message) {
        for (UndeliverableMessageHook hook : undeliverableHooks) {
            Delivery.Outcome outcome = hook.accept(message);
            if (outcome != null) {
                return outcome;
            }
        }
        return null;
    }

    @Override
    public boolean observesDeliveries() {
        return !deliveryListeners.isEmpty();
    }

    @Override
    public void delivered(Delivery delivery) {
        for (DeliveryListener listener : deliveryListeners) {
            listener.delivered(delivery);
        }
    }

    @Override
    public void serverPresence(Stanza presence, Origin origin) {
        for (StanzaHandler handler : serverPresenceHandlers) {
            handler.handle(presence, origin);
        }
    }

    // ---- Declarations ----

    @Override
    public List<String> serverFeatures() {
        synchronized (serverFeatures) {
            return List.copyOf(serverFeatures);
        }
    }

    @Override
    public List<String> accountFeatures() {
        synchronized (accountFeatures) {
            return List.copyOf(accountFeatures);
        }
    }

    @Override
    public List<Identity> serverIdentities() {
        return List.copyOf(serverIdentities);
    }

    @Override
    public List<DiscoNodes> serverDiscoNodes() {
        return List.copyOf(serverDiscoNodes);
    }

    @Override
    public List<ServiceDomain> serviceDomains(String host) {
        return serviceDomains.stream().filter(s -> s.host().equals(host)).toList();
    }

    /** Every service domain of every host (the router's route table). */
    public List<ServiceDomain> serviceDomains() {
        return List.copyOf(serviceDomains);
    }

    // ---- read by the client streams ----

    public List<StreamFeature> streamFeatures() {
        return List.copyOf(streamFeatures);
    }

    /** The negotiation steps after authentication, in the order they were added. */
    public List<NegotiationStep> negotiationSteps() {
        return negotiationSteps;
    }

    /** The handler of a non-stanza top-level element, or null (the stream answers unsupported-stanza-type). */
    public StreamElementHandler streamElementHandler(String namespace, String name) {
        return streamElementHandlers.get(new ElementKey(namespace, name));
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

    @Override
    public void bound(Session session) {
        sessionListeners.forEach(l -> l.bound(session));
    }

    /**
     * In the reverse order of registration, as modules stop: a module keeps what later ones build
     * on (the roster it holds in memory) until they have said goodbye (the final unavailable presence).
     */
    @Override
    public void ended(Session session) {
        sessionListeners.reversed().forEach(l -> l.ended(session));
    }

    /** What one module declares through; all contexts write to this registry. */
    private final class Context implements ModuleContext {
        private final StanzaSender sender;
        private final ResumableSessions resumable;

        Context(StanzaSender sender, ResumableSessions resumable) {
            this.sender = sender;
            this.resumable = resumable;
        }

        @Override
        public Set<String> hosts() {
            return hosts;
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
        public void serviceDomain(String subdomain, String name, StanzaHandler handler) {
            for (String host : hosts) {
                serviceDomains.add(new ServiceDomain(Jid.enforceDomain(subdomain + "." + host), host, name, handler));
            }
        }

        @Override
        public void handleIq(IqScope scope, String namespace, IqHandler handler) {
            IqHandler previous = handlers.get(scope).putIfAbsent(namespace, handler);
            if (previous != null) {
                throw new IllegalStateException("two handlers for " + scope + " IQs in " + namespace);
            }
        }

        @Override
        public void streamFeature(StreamFeature feature) {
            streamFeatures.add(feature);
        }

        @Override
        public void negotiationStep(NegotiationStep step) {
            negotiationSteps.add(step);
        }

        @Override
        public void handleStreamElement(String namespace, String name, StreamElementHandler handler) {
            StreamElementHandler previous = streamElementHandlers.putIfAbsent(new ElementKey(namespace, name), handler);
            if (previous != null) {
                throw new IllegalStateException("two handlers for <" + name + " xmlns='" + namespace + "'/>");
            }
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
        public void onDelivered(DeliveryListener listener) {
            deliveryListeners.add(listener);
        }

        @Override
        public void onServerPresence(StanzaHandler handler) {
            serverPresenceHandlers.add(handler);
        }

        @Override
        public void onSession(SessionListener listener) {
            sessionListeners.add(listener);
        }

        @Override
        public void sessionAvailable(Session session) {
            sessionListeners.forEach(l -> l.available(session));
        }

        @Override
        public void sessionAcceptsMessages(Session session) {
            sessionListeners.forEach(l -> l.acceptsMessages(session));
        }

        @Override
        public StanzaSender stanzas() {
            return sender;
        }

        @Override
        public LocalSessions sessions() {
            return sessions;
        }

        @Override
        public ResumableSessions resumableSessions() {
            return resumable;
        }
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
