package im.parley.modules.pubsub;

import im.parley.module.DiscoNodes;
import im.parley.module.Hosts;
import im.parley.module.Identity;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.module.Origin;
import im.parley.module.StanzaSender;
import im.parley.modules.disco.DiscoModule;
import im.parley.xml.Element;
import im.parley.xmpp.Jid;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The pubsub service (XEP-0060 without collections) at {@code pubsub.<host>}: any account of a
 * host here may create nodes, which it then owns; others subscribe to them and get their
 * notifications. The service answers its own disco#info and disco#items (its nodes, §5.2; a
 * node's items, §5.5).
 */
public final class PubsubModule implements Module, ServicePolicy {
    private static final String NAME = "Publish-Subscribe";

    private final PubsubStore store;
    private final PubsubConfig config;
    private Hosts hosts;
    private StanzaSender out;
    private PubsubService service;

    public PubsubModule(PubsubStore store, PubsubConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public void start(ModuleContext context) {
        hosts = context.hosts();
        out = context.stanzas();
        service = new PubsubService(store, out, this);
        context.serviceDomain(config.domain(), NAME, this::handle);
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
            DiscoNodes.Info info = node == null ? serviceInfo() : service.nodeInfo(iq.to(), iq.from(), node);
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
            List<DiscoNodes.Item> items = node == null ? service.nodeItems(iq.to(), iq.from())
                    : service.itemIds(iq.to(), iq.from(), node);
            return items == null ? iq.error(StanzaError.ITEM_NOT_FOUND) : iq.result(disco(DiscoModule.ITEMS, node,
                    q -> items.forEach(i -> q.child(Element.builder("item", DiscoModule.ITEMS)
                            .attribute("jid", i.jid().toString()).attribute("node", i.node())
                            .attribute("name", i.name()).build()))));
        }
        if (namespace.equals(Pubsub.NAMESPACE) || namespace.equals(Pubsub.OWNER)) {
            return service.handle(iq);
        }
        return iq.error(StanzaError.SERVICE_UNAVAILABLE);
    }

    private static DiscoNodes.Info serviceInfo() {
        List<String> features = new ArrayList<>(List.of(DiscoModule.INFO, DiscoModule.ITEMS));
        features.addAll(Pubsub.featureNamespaces(Pubsub.FEATURES));
        features.add(Pubsub.NAMESPACE + "#access-authorize");
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
