package im.parley.modules.pubsub;

import im.parley.module.DiscoNodes;
import im.parley.module.Hosts;
import im.parley.module.Identity;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.module.Origin;
import im.parley.module.SessionListener;
import im.parley.module.StanzaSender;
import im.parley.modules.adhoc.AdHocCommands;
import im.parley.modules.adhoc.AdHocModule;
import im.parley.modules.adhoc.CommandResponder;
import im.parley.modules.disco.DiscoModule;
import im.parley.session.Session;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The pubsub service (XEP-0060 without collections) at {@code pubsub.<host>}: any account of a
 * host here may create nodes, which it then owns; others subscribe to them and get their
 * notifications. The service answers its own disco#info and disco#items (its nodes, §5.2; a
 * node's items, §5.5) and its ad-hoc command (§8.7, pending subscriptions).
 */
public final class PubsubModule implements Module, ServicePolicy {
    private static final String NAME = "Publish-Subscribe";

    private final PubsubStore store;
    private final PubsubConfig config;
    private final Clock clock;
    /** Each service domain's ad-hoc commands (one per host at most: only they are routed here). */
    private final Map<Jid, CommandResponder> commands = new ConcurrentHashMap<>();
    private Hosts hosts;
    private StanzaSender out;
    private PubsubService service;

    public PubsubModule(PubsubStore store, PubsubConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void start(ModuleContext context) {
        hosts = context.hosts();
        out = context.stanzas();
        service = new PubsubService(store, out, this);
        context.serviceDomain(config.domain(), NAME, this::handle);
        context.onSession(new SessionListener() {
            @Override
            public void ended(Session session) {
                commands.values().forEach(responder -> responder.forget(session.jid()));
            }
        });
    }

    private CommandResponder commands(Jid serviceJid) {
        return commands.computeIfAbsent(serviceJid, jid -> {
            AdHocCommands list = new AdHocCommands();
            list.add(new PendingSubscriptionsCommand(service, jid));
            return new CommandResponder(list, clock);
        });
    }

    private void handle(Stanza stanza, Origin origin) {
        if (!stanza.isRequest()) {
            // A message is an owner's answer to a subscription request (§8.6); presence is not for
            // a service without presence; answers and errors end here.
            if (stanza.isMessage() && !stanza.isError() && stanza.from() != null) {
                Stanza error = service.authorization(stanza);
                if (error != null) {
                    out.route(error);
                }
            }
            return;
        }
        if (!stanza.to().isDomain() || stanza.from() == null) {
            out.route(stanza.error(StanzaError.SERVICE_UNAVAILABLE));
            return;
        }
        Stanza answer = answer(stanza);
        if (answer != null) {
            out.route(answer);
        }
    }

    private Stanza answer(Stanza iq) {
        Element query = iq.payload();
        String namespace = query == null ? "" : query.namespace();
        String node = query == null ? null : query.attribute("node");
        boolean get = "get".equals(iq.type());
        if (namespace.equals(DiscoModule.INFO) && get) {
            DiscoNodes.Info info = node == null ? serviceInfo() : nodeInfo(iq, node);
            return info == null ? iq.error(StanzaError.ITEM_NOT_FOUND) : iq.result(disco(DiscoModule.INFO, node,
                    q -> {
                        info.identities().forEach(i -> q.child(Element.builder("identity", DiscoModule.INFO)
                                .attribute("category", i.category()).attribute("type", i.type())
                                .attribute("name", i.name()).build()));
                        info.features().forEach(f -> q.child(Element.builder("feature", DiscoModule.INFO)
                                .attribute("var", f).build()));
                    }));
        }
        if (namespace.equals(DiscoModule.ITEMS) && get) {
            List<DiscoNodes.Item> items = node == null ? service.nodeItems(iq.to(), iq.from()) : nodeItems(iq, node);
            return items == null ? iq.error(StanzaError.ITEM_NOT_FOUND) : iq.result(disco(DiscoModule.ITEMS, node,
                    q -> items.forEach(i -> q.child(Element.builder("item", DiscoModule.ITEMS)
                            .attribute("jid", i.jid().toString()).attribute("node", i.node())
                            .attribute("name", i.name()).build()))));
        }
        if (namespace.equals(Pubsub.NAMESPACE) || namespace.equals(Pubsub.OWNER)) {
            return service.handle(iq);
        }
        if (namespace.equals(AdHocModule.NAMESPACE)) {
            return commands(iq.to()).handle(iq);
        }
        return iq.error(StanzaError.SERVICE_UNAVAILABLE);
    }

    /** A node of the service's disco: one of XEP-0050's (the command list, a command), else a pubsub node. */
    private DiscoNodes.Info nodeInfo(Stanza iq, String node) {
        DiscoNodes.Info command = commands(iq.to()).info(iq.from(), iq.to(), node);
        return command != null ? command : service.nodeInfo(iq.to(), iq.from(), node);
    }

    private List<DiscoNodes.Item> nodeItems(Stanza iq, String node) {
        List<DiscoNodes.Item> commandList = commands(iq.to()).items(iq.from(), iq.to(), node);
        return commandList != null ? commandList : service.itemIds(iq.to(), iq.from(), node);
    }

    private static DiscoNodes.Info serviceInfo() {
        List<String> features = new ArrayList<>(List.of(DiscoModule.INFO, DiscoModule.ITEMS));
        features.addAll(Pubsub.featureNamespaces(Pubsub.FEATURES));
        features.add(Pubsub.NAMESPACE + "#access-authorize");
        features.add(PendingSubscriptionsCommand.NODE);
        features.add(AdHocModule.NAMESPACE);
        return new DiscoNodes.Info(List.of(new Identity("pubsub", "service", NAME)), features);
    }

    private static Element disco(String namespace, String node, Consumer<Element.Builder> children) {
        Element.Builder query = Element.builder("query", namespace).attribute("node", node);
        children.accept(query);
        return query.build();
    }

    // ---- ServicePolicy: nodes belong to their creators; no roster decides anything here ----

    @Override
    public boolean ownsService(Jid service, Jid requester) {
        return false;
    }

    @Override
    public boolean createsOnPublish() {
        return false;
    }

    /** Accounts of this server's hosts create nodes; remote entities (when federation comes) only read. */
    @Override
    public boolean mayCreate(Jid service, Jid requester) {
        return hosts.isAccount(requester);
    }

    @Override
    public boolean approvesSubscriptions() {
        return true;
    }

    @Override
    public NodeConfig defaults() {
        return PubsubFeature.DEFAULTS;
    }

    @Override
    public long maxItems() {
        return config.maxItems();
    }

    @Override
    public Contact contact(Jid service, Jid requester) {
        return Contact.NONE;
    }

    @Override
    public void interested(Jid service, String node, Access access, Consumer<Jid> recipients) {
        // Only explicit subscribers.
    }
}
