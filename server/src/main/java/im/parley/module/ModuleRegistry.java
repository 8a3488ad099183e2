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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The started modules and what they declared, per virtual host: the router reads it as its
 * {@link Dispatch} (IQ handlers, hooks), service discovery as {@link Declarations}, the stream
 * negotiation for stream features. Modules declare through a {@link ModuleContext} it hands out
 * for the hosts the module is switched on for, which carries the stanza sender so that the
 * registry itself never needs the router. Every declaration is filed under each of those hosts
 * at start-up, so a stanza finds what applies to its host with one map lookup and nothing made.
 */
public final class ModuleRegistry implements Dispatch, Declarations, SessionHooks {
    private record ElementKey(String namespace, String name) {
    }

    private final Hosts hosts;
    private final LocalSessions sessions;
    private final List<Module> modules = new ArrayList<>();
    /** Looked up for every IQ: by host, scope, then namespace, with no key object made per lookup. */
    private final PerHost<Map<IqScope, Map<String, IqHandler>>> handlers;
    private final PerHost<Set<String>> serverFeatures;
    private final PerHost<Set<String>> accountFeatures;
    private final PerHost<List<Identity>> serverIdentities;
    private final PerHost<List<DiscoNodes>> serverDiscoNodes;
    private final PerHost<List<Identity>> accountIdentities;
    private final PerHost<List<DiscoNodes>> accountDiscoNodes;
    private final List<ServiceDomain> serviceDomains = new CopyOnWriteArrayList<>();
    private final Set<String> serviceDomainNames = ConcurrentHashMap.newKeySet();
    /** Connected external components by domain, sorted so that disco#items lists them in a stable order. */
    private final Map<String, DiscoNodes.Item> components = new ConcurrentSkipListMap<>();
    private final PerHost<List<StreamFeature>> streamFeatures;
    private final PerHost<List<NegotiationStep>> negotiationSteps;
    private final PerHost<List<Sasl2Inline>> sasl2Inline;
    private final PerHost<List<BindInline>> bindInline;
    private final PerHost<Map<ElementKey, StreamElementHandler>> streamElementHandlers;
    private final Hooks<ClientStanzaHook> clientStanzaHooks;
    private final Hooks<DeliveryHook> deliveryHooks;
    private final PerHost<List<UndeliverableMessageHook>> undeliverableHooks;
    private final PerHost<List<DeliveryListener>> deliveryListeners;
    private volatile boolean observed;
    private final PerHost<List<StanzaHandler>> serverPresenceHandlers;
    private final PerHost<List<SessionListener>> sessionListeners;

    /** @param hosts the hosted domains, in configuration order */
    public ModuleRegistry(Hosts hosts, LocalSessions sessions) {
        this.hosts = hosts;
        this.sessions = sessions;
        handlers = new PerHost<>(hosts, () -> {
            Map<IqScope, Map<String, IqHandler>> byScope = new EnumMap<>(IqScope.class);
            for (IqScope scope : IqScope.values()) {
                byScope.put(scope, new ConcurrentHashMap<>());
            }
            return byScope;
        }, null);
        serverFeatures = new PerHost<>(hosts, () -> Collections.synchronizedSet(new TreeSet<>()), Set.of());
        accountFeatures = new PerHost<>(hosts, () -> Collections.synchronizedSet(new TreeSet<>()), Set.of());
        serverIdentities = PerHost.lists(hosts);
        serverDiscoNodes = PerHost.lists(hosts);
        accountIdentities = PerHost.lists(hosts);
        accountDiscoNodes = PerHost.lists(hosts);
        streamFeatures = PerHost.lists(hosts);
        negotiationSteps = PerHost.lists(hosts);
        sasl2Inline = PerHost.lists(hosts);
        bindInline = PerHost.lists(hosts);
        streamElementHandlers = new PerHost<>(hosts, ConcurrentHashMap::new, Map.of());
        clientStanzaHooks = new Hooks<>(hosts);
        deliveryHooks = new Hooks<>(hosts);
        undeliverableHooks = PerHost.lists(hosts);
        deliveryListeners = PerHost.lists(hosts);
        serverPresenceHandlers = PerHost.lists(hosts);
        sessionListeners = PerHost.lists(hosts);
    }

    /**
     * The context a module switched on for {@code enabled} declares through; it sends stanzas with
     * {@code sender} and keeps sessions for resumption in {@code resumable}.
     */
    public ModuleContext context(StanzaSender sender, ResumableSessions resumable, Hosts enabled) {
        return new Context(sender, resumable, enabled);
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
    public IqHandler iqHandler(String host, IqScope scope, String namespace) {
        Map<IqScope, Map<String, IqHandler>> byScope = handlers.of(host);
        return byScope == null ? null : byScope.get(scope).get(namespace);
    }

    @Override
    public Stanza delivery(Stanza stanza, Origin origin) {
        Jid from = stanza.from();
        String sender = from == null || from.local() == null ? null : from.domain();
        for (DeliveryHook hook : deliveryHooks.inOrder(stanza.to().domain(), sender)) {
            stanza = hook.handle(stanza, origin);
            if (stanza == null) {
                return null;
            }
        }
        return stanza;
    }

    @Override
    public Delivery.Outcome undeliverable(Stanza message) {
        for (UndeliverableMessageHook hook : undeliverableHooks.of(message.to().domain())) {
            Delivery.Outcome outcome = hook.accept(message);
            if (outcome != null) {
                return outcome;
            }
        }
        return null;
    }

    @Override
    public boolean observesDeliveries() {
        return observed;
    }

    @Override
    public void delivered(Delivery delivery) {
        for (DeliveryListener listener : deliveryListeners.of(delivery.stanza().to().domain())) {
            listener.delivered(delivery);
        }
    }

    @Override
    public void serverPresence(Stanza presence, Origin origin) {
        for (StanzaHandler handler : serverPresenceHandlers.of(presence.to().domain())) {
            handler.handle(presence, origin);
        }
    }

    // ---- Declarations ----

    @Override
    public List<String> serverFeatures(String host) {
        return copy(serverFeatures.of(host));
    }

    @Override
    public List<String> accountFeatures(String host) {
        return copy(accountFeatures.of(host));
    }

    private static List<String> copy(Set<String> features) {
        synchronized (features) {
            return List.copyOf(features);
        }
    }

    @Override
    public List<Identity> serverIdentities(String host) {
        return List.copyOf(serverIdentities.of(host));
    }

    @Override
    public List<DiscoNodes> serverDiscoNodes(String host) {
        return List.copyOf(serverDiscoNodes.of(host));
    }

    @Override
    public List<Identity> accountIdentities(String host) {
        return List.copyOf(accountIdentities.of(host));
    }

    @Override
    public List<DiscoNodes> accountDiscoNodes(String host) {
        return List.copyOf(accountDiscoNodes.of(host));
    }

    @Override
    public List<ServiceDomain> serviceDomains(String host) {
        return serviceDomains.stream().filter(s -> s.host().equals(host)).toList();
    }

    @Override
    public boolean isServiceDomain(String domain) {
        return serviceDomainNames.contains(domain);
    }

    /** Every service domain of every host (the router's route table). */
    public List<ServiceDomain> serviceDomains() {
        return List.copyOf(serviceDomains);
    }

    /**
     * Puts a handler in front of whatever handles {@code scope} IQs in {@code namespace} on every
     * host (XEP-0355 namespace delegation to a component); {@code delegate} gets the module's
     * handler (or null) to fall back on for what it does not take.
     */
    public void delegate(IqScope scope, String namespace, UnaryOperator<IqHandler> delegate) {
        handlers.forEach(hosts, byScope -> byScope.get(scope).compute(namespace, (ns, own) -> delegate.apply(own)));
    }

    @Override
    public List<DiscoNodes.Item> components() {
        return List.copyOf(components.values());
    }

    /** A component's handshake succeeded: the hosts list it until it goes ({@code name} may be null). */
    public void componentConnected(String domain, String name) {
        components.put(domain, new DiscoNodes.Item(Jid.domain(domain), null, name));
    }

    public void componentDisconnected(String domain) {
        components.remove(domain);
    }

    // ---- read by the client streams, for the host a stream chose ----

    public List<StreamFeature> streamFeatures(String host) {
        return streamFeatures.of(host);
    }

    /** The negotiation steps after authentication, in the order they were added. */
    public List<NegotiationStep> negotiationSteps(String host) {
        return negotiationSteps.of(host);
    }

    /** The features negotiated inside SASL2's {@code <authenticate/>}, in the order they were added. */
    public List<Sasl2Inline> sasl2Inline(String host) {
        return sasl2Inline.of(host);
    }

    /** The features Bind2's {@code <bind/>} can switch on, in the order they were added. */
    public List<BindInline> bindInline(String host) {
        return bindInline.of(host);
    }

    /** The handler of a non-stanza top-level element, or null (the stream answers unsupported-stanza-type). */
    public StreamElementHandler streamElementHandler(String host, String namespace, String name) {
        return streamElementHandlers.of(host).get(new ElementKey(namespace, name));
    }

    /** Runs the client-stanza hooks of the sender's host; returns the stanza to route, or null when a hook dealt with it. */
    public Stanza clientStanza(Session sender, Stanza stanza) {
        for (ClientStanzaHook hook : clientStanzaHooks.inOrder(sender.jid().domain())) {
            stanza = hook.handle(sender, stanza);
            if (stanza == null) {
                return null;
            }
        }
        return stanza;
    }

    @Override
    public void bound(Session session) {
        listenersOf(session).forEach(l -> l.bound(session));
    }

    /**
     * In the reverse order of registration, as modules stop: a module keeps what later ones build
     * on (the roster it holds in memory) until they have said goodbye (the final unavailable presence).
     */
    @Override
    public void ended(Session session) {
        listenersOf(session).reversed().forEach(l -> l.ended(session));
    }

    private List<SessionListener> listenersOf(Session session) {
        return sessionListeners.of(session.jid().domain());
    }

    /** What one module declares through, for the hosts it is switched on for; all contexts write to this registry. */
    private final class Context implements ModuleContext {
        private final StanzaSender sender;
        private final ResumableSessions resumable;
        private final Hosts enabled;

        Context(StanzaSender sender, ResumableSessions resumable, Hosts enabled) {
            this.sender = sender;
            this.resumable = resumable;
            this.enabled = enabled;
        }

        @Override
        public Hosts hosts() {
            return hosts;
        }

        @Override
        public Hosts enabledHosts() {
            return enabled;
        }

        @Override
        public ModuleContext on(Hosts fewer) {
            return new Context(sender, resumable, new Hosts(enabled.domains().stream().filter(fewer::contains).toList()));
        }

        @Override
        public void serverFeature(String namespace) {
            serverFeatures.forEach(enabled, features -> features.add(namespace));
        }

        @Override
        public void accountFeature(String namespace) {
            accountFeatures.forEach(enabled, features -> features.add(namespace));
        }

        @Override
        public void serverIdentity(Identity identity) {
            serverIdentities.forEach(enabled, identities -> identities.add(identity));
        }

        @Override
        public void serverDiscoNodes(DiscoNodes nodes) {
            serverDiscoNodes.forEach(enabled, list -> list.add(nodes));
        }

        @Override
        public void accountIdentity(Identity identity) {
            accountIdentities.forEach(enabled, identities -> identities.add(identity));
        }

        @Override
        public void accountDiscoNodes(DiscoNodes nodes) {
            accountDiscoNodes.forEach(enabled, list -> list.add(nodes));
        }

        @Override
        public void serviceDomain(String subdomain, String name, StanzaHandler handler) {
            for (String host : enabled.domains()) {
                ServiceDomain service = new ServiceDomain(Jid.enforceDomain(subdomain + "." + host), host, name, handler);
                serviceDomains.add(service);
                serviceDomainNames.add(service.domain());
            }
        }

        @Override
        public void handleIq(IqScope scope, String namespace, IqHandler handler) {
            handlers.forEach(enabled, byScope -> {
                if (byScope.get(scope).putIfAbsent(namespace, handler) != null) {
                    throw new IllegalStateException("two handlers for " + scope + " IQs in " + namespace);
                }
            });
        }

        @Override
        public void streamFeature(StreamFeature feature) {
            streamFeatures.forEach(enabled, features -> features.add(feature));
        }

        @Override
        public void negotiationStep(NegotiationStep step) {
            negotiationSteps.forEach(enabled, steps -> steps.add(step));
        }

        @Override
        public void sasl2Inline(Sasl2Inline feature) {
            sasl2Inline.forEach(enabled, features -> features.add(feature));
        }

        @Override
        public void bindInline(BindInline feature) {
            bindInline.forEach(enabled, features -> features.add(feature));
        }

        @Override
        public void handleStreamElement(String namespace, String name, StreamElementHandler handler) {
            streamElementHandlers.forEach(enabled, byElement -> {
                if (byElement.putIfAbsent(new ElementKey(namespace, name), handler) != null) {
                    throw new IllegalStateException("two handlers for <" + name + " xmlns='" + namespace + "'/>");
                }
            });
        }

        @Override
        public void onClientStanza(int priority, ClientStanzaHook hook) {
            clientStanzaHooks.add(enabled, false, priority, hook);
        }

        @Override
        public void onDelivery(int priority, DeliveryHook hook) {
            deliveryHooks.add(enabled, false, priority, hook);
        }

        @Override
        public void onDeliveryFrom(int priority, DeliveryHook hook) {
            deliveryHooks.add(enabled, true, priority, hook);
        }

        @Override
        public void onUndeliverableMessage(UndeliverableMessageHook hook) {
            undeliverableHooks.forEach(enabled, hooks -> hooks.add(hook));
        }

        @Override
        public void onDelivered(DeliveryListener listener) {
            deliveryListeners.forEach(enabled, listeners -> listeners.add(listener));
            observed |= !enabled.isEmpty();
        }

        @Override
        public void onServerPresence(StanzaHandler handler) {
            serverPresenceHandlers.forEach(enabled, handlers -> handlers.add(handler));
        }

        @Override
        public void onSession(SessionListener listener) {
            sessionListeners.forEach(enabled, listeners -> listeners.add(listener));
        }

        @Override
        public void sessionAvailable(Session session) {
            listenersOf(session).forEach(l -> l.available(session));
        }

        @Override
        public void sessionAcceptsMessages(Session session) {
            listenersOf(session).forEach(l -> l.acceptsMessages(session));
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

    /** One value per hosted domain, made at start-up; declarations go to the hosts a module is on for. */
    private static final class PerHost<T> {
        private final Map<String, T> byHost = new HashMap<>();
        private final T absent;

        /** {@code absent} answers for a domain that is not hosted (a stanza to a service domain's own address). */
        PerHost(Hosts hosts, Supplier<T> empty, T absent) {
            for (String host : hosts.domains()) {
                byHost.put(host, empty.get());
            }
            this.absent = absent;
        }

        /** Lists written at start-up and read on every stanza. */
        static <E> PerHost<List<E>> lists(Hosts hosts) {
            return new PerHost<>(hosts, CopyOnWriteArrayList::new, List.of());
        }

        T of(String host) {
            return byHost.getOrDefault(host, absent);
        }

        void forEach(Hosts hosts, Consumer<T> action) {
            for (String host : hosts.domains()) {
                action.accept(byHost.get(host));
            }
        }
    }

    /**
     * Hooks kept sorted by descending priority, per host; registration happens at start-up, reads on
     * every stanza. A hook acts for the stanza's host (the recipient's, or the sender's for client
     * stanzas) or, registered on the sender's side, for the host of the account that sent it: the
     * lists for every pair of hosts are made as hooks are added.
     */
    private static final class Hooks<H> {
        private record Entry<H>(Hosts hosts, boolean senderSide, int priority, H hook) {
            boolean appliesTo(String host, String sender) {
                return senderSide ? sender != null && hosts.contains(sender) : hosts.contains(host);
            }
        }

        /** The key for a recipient of no host here (on another server): only sender-side hooks apply to it. */
        private static final String ELSEWHERE = "";

        private final Hosts hosts;
        private final List<Entry<H>> entries = new ArrayList<>();
        /** By host ({@link #ELSEWHERE} for any other), then by the sending account's host ("" when the sender is no local account). */
        private volatile Map<String, Map<String, List<H>>> ordered = Map.of();

        Hooks(Hosts hosts) {
            this.hosts = hosts;
        }

        synchronized void add(Hosts on, boolean senderSide, int priority, H hook) {
            entries.add(new Entry<>(on, senderSide, priority, hook));
            entries.sort((a, b) -> Integer.compare(b.priority(), a.priority()));
            Map<String, Map<String, List<H>>> byHost = new HashMap<>();
            List<String> recipients = new ArrayList<>(hosts.domains());
            recipients.add(ELSEWHERE);
            for (String host : recipients) {
                Map<String, List<H>> bySender = new HashMap<>();
                bySender.put("", applying(host, null));
                for (String sender : hosts.domains()) {
                    bySender.put(sender, applying(host, sender));
                }
                byHost.put(host, bySender);
            }
            ordered = byHost;
        }

        private List<H> applying(String host, String sender) {
            return entries.stream().filter(e -> e.appliesTo(host, sender)).map(Entry::hook).toList();
        }

        List<H> inOrder(String host) {
            return inOrder(host, null);
        }

        /** {@code sender}: the host of the local account that sent the stanza, or null for any other sender. */
        List<H> inOrder(String host, String sender) {
            Map<String, List<H>> bySender = ordered.getOrDefault(host, ordered.get(ELSEWHERE));
            if (bySender == null) {
                return List.of();
            }
            List<H> hooks = bySender.get(sender == null ? "" : sender);
            return hooks == null ? bySender.get("") : hooks;
        }
    }
}
